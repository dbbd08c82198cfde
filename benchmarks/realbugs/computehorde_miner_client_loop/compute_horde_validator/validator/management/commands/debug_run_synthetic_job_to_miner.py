import asyncio
import sys

from django.core.management.base import BaseCommand

from compute_horde.miner_client.base import MinerConnectionError
from compute_horde_validator.validator.synthetic_jobs.utils import MinerClient


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--miner_address", type=str)
        parser.add_argument("--miner_port", type=int)
        parser.add_argument("--miner_hotkey", type=str)

    def handle(self, *args, **options):
        loop = asyncio.get_event_loop()  # bug
        miner_client = MinerClient(
            loop=loop,
            miner_address=options["miner_address"],
            miner_port=options["miner_port"],
            miner_hotkey=options["miner_hotkey"],
        )
        try:
            asyncio.run(_execute_jobs(miner_client, ["job-1"]))
        except KeyboardInterrupt:
            sys.exit(1)


async def _execute_jobs(miner_client: MinerClient, jobs: list[str]) -> None:
    try:
        async with miner_client:
            for job in jobs:
                miner_client.deferred_send_model(job)
            await asyncio.sleep(1)
    except MinerConnectionError as exc:
        print(f"Miner connection error: {exc}")

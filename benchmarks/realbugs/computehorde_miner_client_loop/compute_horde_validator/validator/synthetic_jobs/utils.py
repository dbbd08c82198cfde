import asyncio

from compute_horde.miner_client.base import AbstractMinerClient


class MinerClient(AbstractMinerClient):
    def __init__(self, loop: asyncio.AbstractEventLoop, miner_address: str, miner_port: int, miner_hotkey: str):
        super().__init__(loop, f"{miner_hotkey}({miner_address}:{miner_port})")
        self.miner_address = miner_address
        self.miner_port = miner_port
        self.received: list[str] = []

    def miner_url(self) -> str:
        return f"ws://{self.miner_address}:{self.miner_port}/v0.1/validator_interface"

    async def handle_message(self, msg: str) -> None:
        self.received.append(msg)

"""neuro-cli end-to-end job tests: poll a forwarded port until the job's web server answers.

Reproduction of the shape fixed in https://github.com/neuro-inc/apolo-cli/pull/996 ("Use async
sleep in async tests"): nested async helpers of the tests retried with `sleep(loop_sleep)`
imported by `from time import sleep, time`, blocking the loop that runs the port forwarding
the test waits for.
"""
import asyncio
from pathlib import Path
from time import sleep, time

import aiohttp
import pytest

from neuromation.api import get as api_get
from neuromation.cli.asyncio_utils import run


async def test_port_forward(nmrc_path: Path, nginx_job_async: str) -> None:
    loop_sleep = 1
    service_wait_time = 60

    async def get_(url: str) -> int:
        status = 999
        start_time = time()
        async with aiohttp.ClientSession() as session:
            while status != 200 and (int(time() - start_time) < service_wait_time):
                try:
                    async with session.get(url) as resp:
                        status = resp.status
                except aiohttp.ClientConnectionError:
                    status = 599
                if status != 200:
                    sleep(loop_sleep)  # bug
        return status

    async with api_get(path=nmrc_path) as client:
        async with client.jobs.port_forward(nginx_job_async[0], 8080, 80, no_key_check=True):
            await asyncio.sleep(loop_sleep)
            probe = await get_("http://127.0.0.1:8080/secret.txt")
            assert probe == 200


@pytest.mark.e2e
def test_job_submit_http_auth(helper, secret_job) -> None:
    loop_sleep = 1
    service_wait_time = 60

    async def _test_http_auth_redirect(url) -> None:
        start_time = time()
        async with aiohttp.ClientSession() as session:
            while time() - start_time < service_wait_time:
                try:
                    async with session.get(url, allow_redirects=True) as resp:
                        if resp.status == 200:
                            break
                except aiohttp.ClientConnectionError:
                    pass
                sleep(loop_sleep)  # bug
            else:
                raise AssertionError("HTTP Auth not detected")

    http_job = secret_job(http_port=True, http_auth=True)
    run(_test_http_auth_redirect(http_job["ingress_url"].with_path("/secret.txt")))

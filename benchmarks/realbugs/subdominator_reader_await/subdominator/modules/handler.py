"""Entry point of a passive subdomain enumeration CLI (httpx, asyncio).

Reproduction of the shape reported in https://github.com/RevoltSecurities/Subdominator/issues/33
("TypeError: 'coroutine' object is not iterable ... coroutine 'reader' was never awaited") and fixed
in commit 1bc99b1 (v2.1.1): with -dL, the async handler() ran `domains = reader(...)`, a coroutine
function imported from utils/utils.py, without await, then iterated the coroutine. The fix added
the await.
"""
import asyncio
import sys
import time

import httpx

from .cli.cli import cli
from .utils.utils import Exit, filters, logger, reader

args = cli()


async def crtsh(domain, session, args):
    response = await session.get(f"https://crt.sh/?q=%25.{domain}&output=json", timeout=30)
    return [item["name_value"] for item in response.json()]


async def __initiate__(domain):
    async with httpx.AsyncClient(verify=False) as session:
        tasks = [crtsh(domain, session, args)]
        return await asyncio.gather(*tasks, return_exceptions=False)


async def _domain_handler_(domain):
    start = time.time()
    results = await __initiate__(domain)
    final = {s for s in filters(results) if s.endswith(f".{domain}")}
    for subdomain in final:
        print(subdomain)
    if not args.silent:
        logger(f"Total {len(final)} subdomains found for {domain} in {time.time() - start:.2f} seconds")


async def handler():
    try:
        if args.domain:
            await _domain_handler_(args.domain)
            Exit()
        if args.domain_list:
            domains = reader(args.domain_list, args)  # bug
            if domains:
                for domain in domains:
                    if not args.silent:
                        logger(f"Enumerating subdomain for {domain}", "info", args.no_color)
                    await _domain_handler_(domain)
                Exit()
        for domain in sys.stdin:
            if domain.strip():
                await _domain_handler_(domain.strip())
        Exit()
    except KeyboardInterrupt:
        Exit()


def main_handler():
    try:
        asyncio.run(handler())
    except KeyboardInterrupt:
        Exit(1)

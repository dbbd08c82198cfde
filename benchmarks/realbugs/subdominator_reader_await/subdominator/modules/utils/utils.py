"""Helpers of a subdomain enumeration tool (reproduction, see ../handler.py).

reader() is a coroutine function (it reads the file with aiofiles).
"""
import sys

import aiofiles


def Exit(code=0):
    sys.exit(code)


def logger(message, level="info", nocolor=False):
    print(f"[{level.upper()}]: {message}", file=sys.stderr)


def filters(results):
    filtered = []
    for subdomains in results:
        for subdomain in subdomains or []:
            if subdomain is not None:
                filtered.append(subdomain)
    return sorted(set(filtered))


async def reader(filename: str, args) -> list:
    try:
        async with aiofiles.open(filename, mode="r") as streamr:
            data = await streamr.read()
        return data.splitlines()
    except FileNotFoundError:
        logger(f"File '{filename}' not found. Please check if it exists.")
        Exit(1)
    except Exception as e:
        logger(f"Exception in file reader module due to: {e} ({type(e).__name__})", "warn", args.no_color)
        Exit(1)

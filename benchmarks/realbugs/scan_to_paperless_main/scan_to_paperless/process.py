"""Post-process scanned documents before sending them to paperless.

Reproduction of the shape fixed in https://github.com/sbrunner/scan-to-paperless/pull/1486 ("Fix
RuntimeWarning: coroutine 'main' was never awaited"): main() had become an `async def`, but the
module's entry point still called it like a function, so the program only created the coroutine
and exited. The fix ran it with asyncio.run.
"""
import argparse
import asyncio
import os


async def _process(folder: str) -> None:
    await asyncio.sleep(0)
    print(f"processed {folder}")


async def main() -> None:
    """Process every folder waiting in the scan queue."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*")
    args = parser.parse_args()
    for folder in args.folders:
        await _process(os.path.join(os.environ.get("SCAN_ROOT", "/scan"), folder))


if __name__ == "__main__":
    main()  # bug

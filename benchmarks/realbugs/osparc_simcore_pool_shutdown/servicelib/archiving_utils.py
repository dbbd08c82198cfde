"""Zipping and unzipping service data.

Reproduction of the shape fixed in https://github.com/ITISFoundation/osparc-simcore/pull/2397
(commit cee747994ff36ad81314a5034fee9247d333dc76, "addresses blocking Thread/Process pool executors
when shutting down"): coroutines build a fresh executor in a `with` block around their
run_in_executor calls: unarchive_dir and archive_dir here (ProcessPoolExecutor), the aiohttp
handler metrics_handler and ProjectDBAPI's listing (simcore_service_webserver/, through the module
name concurrent.futures, one ThreadPoolExecutor per row). Leaving the block calls the executor's
shutdown(wait=True), which joins its workers on the event loop (and, with a process pool, could hang
there on a CPython bug). The fix used one shared pool (or the loop's default executor) that is never
shut down per call; the four `with` lines are marked (the same change in the catalog service and the
exporter is left out).
"""
import asyncio
import logging
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

MAX_UNARCHIVING_WORKER_COUNT = 2

log = logging.getLogger(__name__)


def _zipfile_single_file_extract_worker(zip_file_path, file_in_archive, destination_folder, is_dir):
    """Runs in a worker process: extracts one entry."""
    with zipfile.ZipFile(zip_file_path, mode="r") as zip_file_handler:
        return Path(zip_file_handler.extract(file_in_archive, destination_folder))


def _serial_add_to_archive(dir_to_compress: Path, destination: Path, compress: bool) -> bool:
    """Runs in a worker process: writes the whole folder into one archive."""
    compression = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(destination, "w", compression=compression) as zip_file_handler:
        for file_to_add in dir_to_compress.rglob("*"):
            if file_to_add.is_file():
                zip_file_handler.write(file_to_add, file_to_add.relative_to(dir_to_compress))
    return True


async def unarchive_dir(archive_to_extract: Path, destination_folder: Path, *, max_workers: int = MAX_UNARCHIVING_WORKER_COUNT):
    """Extracts the archive into destination_folder, one entry per worker; returns the leaves."""
    with zipfile.ZipFile(archive_to_extract, mode="r") as zip_file_handler:
        with ProcessPoolExecutor(max_workers=max_workers) as pool:  # bug
            loop = asyncio.get_event_loop()  # also
            tasks = [
                loop.run_in_executor(
                    pool,
                    _zipfile_single_file_extract_worker,
                    archive_to_extract,
                    zip_entry.filename,
                    destination_folder,
                    zip_entry.is_dir(),
                )
                for zip_entry in zip_file_handler.infolist()
            ]
            extracted_paths = await asyncio.gather(*tasks)
            return set(extracted_paths)


async def archive_dir(dir_to_compress: Path, destination: Path, compress: bool) -> bool:
    """Returns True if successfully archived."""
    with ProcessPoolExecutor(max_workers=1) as pool:  # bug
        return await asyncio.get_event_loop().run_in_executor(  # also
            pool, _serial_add_to_archive, dir_to_compress, destination, compress
        )

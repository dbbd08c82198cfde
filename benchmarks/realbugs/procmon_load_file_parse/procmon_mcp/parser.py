"""Streams a Procmon XML export (plain or compressed) into memory."""

import bz2
import gzip
import lzma
import os
import xml.etree.ElementTree as ET


class ProcmonLogData:
    def __init__(self, filename: str) -> None:
        self.loaded_filename = filename
        self.events: list[dict] = []

    def is_loaded(self) -> bool:
        return bool(self.loaded_filename)


def _open(path: str):
    lower = path.lower()
    if lower.endswith(".gz"):
        return gzip.open(path, "rb")
    if lower.endswith(".bz2"):
        return bz2.open(path, "rb")
    if lower.endswith(".xz"):
        return lzma.open(path, "rb")
    return open(path, "rb")


def load_procmon_xml(filename_abs: str, load_stack: bool, load_extra: bool) -> ProcmonLogData:
    data = ProcmonLogData(os.path.basename(filename_abs))
    with _open(filename_abs) as handle:
        for _event, elem in ET.iterparse(handle, events=("end",)):
            if elem.tag == "event":
                data.events.append({child.tag: child.text for child in elem})
                elem.clear()
    return data

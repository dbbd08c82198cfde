"""Helpers shared by the toolkit's services (version of the integration read from its manifest)."""

from __future__ import annotations

import json
import logging
import os

LOGGER = logging.getLogger(__name__)

VERSION_TIME: float = 0.0
VERSION: str = "Unknown"
MANIFEST: dict = {}


def getVersion() -> str:
    global VERSION_TIME, VERSION, MANIFEST

    fname = os.path.dirname(__file__) + "/manifest.json"
    ftime = VERSION_TIME
    try:
        ntime = os.path.getmtime(fname)
        if ftime != ntime:
            ftime = ntime
            VERSION = "Unknown"
    except Exception:
        MANIFEST = {}

    if ftime != VERSION_TIME:
        LOGGER.debug("Read version from %s", fname)
        with open(fname, encoding="utf_8") as infile:
            VERSION_TIME = ftime
            MANIFEST = json.load(infile)
        if "version" in MANIFEST:
            VERSION = MANIFEST["version"]
    return VERSION

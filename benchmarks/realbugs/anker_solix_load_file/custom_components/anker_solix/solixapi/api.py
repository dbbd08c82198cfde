"""Anker Solix cloud API client, with a test mode that reads saved responses from files.

Reproduction of the shape reported in https://github.com/thomluther/ha-anker-solix/issues/71
(closed, fixed in a later release with aiofiles): Home Assistant 2024.6 detected
`with open(filename, encoding="utf-8") as file:` in solixapi/api.py inside the event loop; the
async loader of the API class read the JSON file directly.
"""
import json
import logging
import os

from aiohttp import ClientSession

_LOGGER = logging.getLogger(__name__)


class AnkerSolixApi:
    """Access the Anker Solix cloud, or saved JSON files in test mode."""

    def __init__(self, email: str, password: str, websession: ClientSession) -> None:
        self._email = email
        self._password = password
        self._session = websession
        self._testdir = os.path.join(os.path.dirname(__file__), "..", "examples")
        self.sites: dict = {}

    def testDir(self, subfolder: str | None = None) -> str:
        if subfolder:
            self._testdir = subfolder
        return self._testdir

    async def _loadFromFile(self, filename: str) -> dict:
        """Load json data from given file for testing."""
        try:
            if os.path.isfile(filename):  # also
                with open(filename, encoding="utf-8") as file:  # bug
                    return json.load(file)
        except OSError as err:
            _LOGGER.error("ERROR: Failed to load JSON from file %s: %s", filename, err)
        return {}

    async def update_sites(self, fromFile: bool = False) -> dict:
        if fromFile:
            data = await self._loadFromFile(os.path.join(self.testDir(), "scene_info.json"))
        else:
            async with self._session.post("https://example.invalid/scene_info") as resp:
                data = await resp.json()
        self.sites = data.get("data", {})
        return self.sites

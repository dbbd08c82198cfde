"""Source collector base class: one subclass per source type and metric type."""
from typing import ClassVar

import aiohttp


class SourceMeasurement:
    def __init__(self, value=None, error=None):
        self.value = value
        self.error = error
        self.source_uuid = None


class IssueStatus:
    def __init__(self, issue_id: str, status: str | None = None):
        self.issue_id = issue_id
        self.status = status


class SourceCollector:
    """Collect a measurement from one source."""

    MANDATORY_PARAMETERS: ClassVar[dict[str, list[str]]] = {}
    subclasses: ClassVar[set[type["SourceCollector"]]] = set()

    def __init__(self, session: aiohttp.ClientSession, source) -> None:
        self._session = session
        self._source = source

    def __init_subclass__(cls) -> None:
        SourceCollector.subclasses.add(cls)
        super().__init_subclass__()

    @classmethod
    def get_subclass(cls, source_type: str, metric_type: str) -> type["SourceCollector"] | None:
        name = f"{source_type}{metric_type}".replace("_", "")
        for subclass in cls.subclasses:
            if subclass.__name__.lower() == name:
                return subclass
        return None

    async def collect(self) -> SourceMeasurement:
        url = self._source.get("parameters", {}).get("url", "")
        async with self._session.get(url) as response:
            return SourceMeasurement(value=str(len(await response.json())))

    async def collect_issue_status(self, issue_id: str) -> IssueStatus:
        url = self._source.get("parameters", {}).get("url", "")
        async with self._session.get(f"{url}/issue/{issue_id}") as response:
            return IssueStatus(issue_id, (await response.json()).get("status"))

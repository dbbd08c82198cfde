"""Metric collector: gathers the measurements of a metric's sources.

Reproduction of the shape fixed in https://github.com/ICTU/quality-time/pull/11082 (commit
58a9472ceba64f5dd1b0f1680078e24557adf6d1, "Prevent runtime warning in the collector logs", for
#11015): MetricCollector.__source_collectors builds the list of coroutines to gather by calling
`collector_class(self.__session, source).collect()` (SourceCollector.collect is an async def,
source_collector.py) for each source, but returns [] as soon as one source lacks a mandatory
parameter, dropping the coroutines already made for the sources before it, which are never
awaited ("RuntimeWarning: coroutine 'SourceCollector.collect' was never awaited"). The fix kept
the collector instances and created the coroutines only when the whole list is returned.
"""
import asyncio
from collections.abc import Coroutine
from typing import ClassVar

import aiohttp

from model import MetricMeasurement

from .source_collector import SourceCollector

MANDATORY_PARAMETERS = {"gitlab": {"url": ["merge_requests", "jobs"], "private_token": ["jobs"]}}


class MetricCollector:
    """Collect measurements for a specific metric."""

    subclasses: ClassVar[set[type["MetricCollector"]]] = set()

    def __init__(self, session: aiohttp.ClientSession, metric) -> None:
        self.__session = session
        self._metric = metric

    def __init_subclass__(cls) -> None:
        MetricCollector.subclasses.add(cls)
        super().__init_subclass__()

    async def collect(self) -> MetricMeasurement | None:
        """Collect the measurements from the metric's sources."""
        source_collectors = self.__source_collectors()
        issue_status_collectors = self.__issue_status_collectors()
        if not source_collectors and not issue_status_collectors:
            return None
        measurements, issue_statuses = [], []
        if source_collectors:
            measurements = await asyncio.gather(*source_collectors)
            for source_measurement, source_uuid in zip(measurements, self._metric["sources"], strict=True):
                source_measurement.source_uuid = source_uuid
        if issue_status_collectors:
            issue_statuses = await asyncio.gather(*issue_status_collectors)
        return MetricMeasurement(self._metric, measurements, issue_statuses)

    def __source_collectors(self) -> list[Coroutine]:
        """Create the source collectors for the metric."""
        collectors = []
        for source in self._metric["sources"].values():
            collector_class = SourceCollector.get_subclass(source["type"], self._metric["type"])
            if collector_class and self.__has_all_mandatory_parameters(source):
                collectors.append(collector_class(self.__session, source).collect())  # bug
            else:
                return []
        return collectors

    def __issue_status_collectors(self) -> list[Coroutine]:
        """Create the issue status collectors for the metric."""
        tracker = self._metric.get("issue_tracker", {})
        tracker_type = tracker.get("type")
        if tracker_type and (collector_class := SourceCollector.get_subclass(tracker_type, "issue_status")):
            return [
                collector_class(self.__session, tracker).collect_issue_status(issue_id)
                for issue_id in self._metric.get("issue_ids", [])
            ]
        return []

    def __has_all_mandatory_parameters(self, source) -> bool:
        """Return whether the user has specified all mandatory parameters for the source."""
        for parameter_key, metrics in MANDATORY_PARAMETERS.get(source["type"], {}).items():
            if self._metric["type"] in metrics and not source.get("parameters", {}).get(parameter_key):
                return False
        return True

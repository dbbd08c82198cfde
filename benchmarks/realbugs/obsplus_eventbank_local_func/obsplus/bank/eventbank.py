"""A bank of seismic events.

Reproduction of the shape fixed in https://github.com/niosh-mining/obsplus/issues/158 (pull request
#161, commit d319514d7b4efebbfb9b13eab8665d908a458963, "Concurrent maps", "fix #158, test process
executor"): EventBank takes any concurrent.futures Executor, and update_index and put_events hand a
function defined inside the method (`def func(...)`, a closure over self) to self._map, which runs
self.executor.map(func, ...) (core.py); with a ProcessPoolExecutor the local function cannot be
pickled ("Can't pickle local object 'EventBank.put_events.<locals>.func'"). The fix made both
static methods bound with functools.partial; the two calls that hand the local function to the
executor are marked.
"""
import time
from os.path import exists, getmtime
from pathlib import Path

import pandas as pd
from obspy import read_events

from obsplus.bank.core import _Bank


class EventBank(_Bank):
    """A directory of QuakeML files indexed by event."""

    def __init__(self, base_path=".", format="quakeml", executor=None):
        super().__init__(base_path, executor=executor)
        self.format = format
        self._index = pd.DataFrame(columns=["event_id", "path", "updated"])

    def read_index(self, event_id=None) -> pd.DataFrame:
        if event_id is None:
            return self._index
        return self._index[self._index["event_id"].isin(event_id)]

    def get_event_path(self, event, index=None) -> Path:
        df = self.read_index().set_index("event_id") if index is None else index
        rid = str(event.resource_id)
        if rid in df.index:
            save_path = str(self.bank_path) + df.loc[rid, "path"]
            assert exists(save_path)
            return Path(save_path)
        return self.bank_path / f"{rid.split('/')[-1]}.xml"

    def update_index(self, bar=None, paths=None) -> "EventBank":
        """Read every file changed since the last update into the index."""
        bank_path = str(self.bank_path)

        def func(path):
            """The events, update time and relative path of one file."""
            cat = read_events(path, format=self.format)
            return cat, getmtime(path), path.replace(bank_path, "")

        update_time = time.time()
        file_feeder = self._measure_iterator(self._unindexed_iterator(paths=paths), bar)
        rows = []
        for cat, _mtime, path in self._map(func, file_feeder):  # bug
            rows.extend({"event_id": str(ev.resource_id), "path": path, "updated": update_time} for ev in cat)
        self._index = pd.concat([self._index, pd.DataFrame(rows)], ignore_index=True)
        return self

    def put_events(self, events, update_index=True, bar=None) -> "EventBank":
        """Write the events into the bank, one file each."""

        def func(event):
            """Get an event's path, save it there, return the path."""
            path = self.get_event_path(event, index=df)
            path.parent.mkdir(exist_ok=True, parents=True)
            event.write(str(path), format=self.format)
            return path

        self.bank_path.mkdir(exist_ok=True, parents=True)
        event_ids = [str(x.resource_id) for x in events]
        df = self.read_index(event_id=event_ids).set_index("event_id")
        event_feeder = self._measure_iterator(events, bar)
        paths = list(self._map(func, event_feeder))  # bug
        if update_index:
            self.update_index(paths=paths)
        return self

"""Sessions of a database: pooled ones, and one multiplexed session kept fresh in the background.

Reproduction of the shape fixed in https://github.com/googleapis/python-spanner/pull/1520
("resolve async deadlock in multiplexed session manager"): the async manager (the sync variant is
generated from it by CrossSync) guarded the multiplexed session with a threading.Lock set in
__init__, entered with `with CrossSync.rm_aio(self._multiplexed_session_lock):` around
`await self._build_multiplexed_session()`, and with `with manager._multiplexed_session_lock:` around
awaits in the maintenance coroutine. A second coroutine reaching the lock blocks the loop thread
while the holder is suspended: deadlock. The fix used an asyncio lock (CrossSync.Lock).
"""

__CROSS_SYNC_OUTPUT__ = "google.cloud.spanner_v1.database_sessions_manager"

import threading
from datetime import timedelta
from threading import Thread
from typing import Optional
from weakref import ref

from google.cloud.aio._cross_sync import CrossSync
from google.cloud.spanner_v1._async.session import Session


@CrossSync.convert_class
class DatabaseSessionsManager(object):
    _MAINTENANCE_THREAD_POLLING_INTERVAL = timedelta(minutes=10)
    _MAINTENANCE_THREAD_REFRESH_INTERVAL = timedelta(days=7)

    def __init__(self, database, pool):
        self._database = database
        self._pool = pool
        self._multiplexed_session: Optional[Session] = None
        self._multiplexed_session_thread: Optional[CrossSync.Task] = None
        # Use threading.Lock because this is accessed in a synchronous maintenance thread
        self._multiplexed_session_lock: threading.Lock = threading.Lock()
        self._multiplexed_session_terminate_event: CrossSync.Event = CrossSync.Event()

    @CrossSync.convert
    async def get_session(self, multiplexed: bool) -> Session:
        session = (
            await self._get_multiplexed_session()
            if multiplexed
            else await CrossSync.run_if_async(self._pool.get)
        )
        return session

    @CrossSync.convert
    async def _get_multiplexed_session(self) -> Session:
        """Returns the multiplexed session, creating it (and its maintenance task) on first use."""
        with CrossSync.rm_aio(self._multiplexed_session_lock):  # bug
            if self._multiplexed_session is None:
                self._multiplexed_session = await self._build_multiplexed_session()
                self._multiplexed_session_thread = self._build_maintenance_thread()
                if not CrossSync.is_async:
                    self._multiplexed_session_thread.start()
            return self._multiplexed_session

    @CrossSync.convert
    async def _build_multiplexed_session(self) -> Session:
        session = Session(
            database=self._database,
            database_role=self._database.database_role,
            is_multiplexed=True,
        )
        await session.create()
        return session

    def _build_maintenance_thread(self) -> CrossSync.Task:
        session_manager_ref = ref(self)
        if CrossSync.is_async:
            return CrossSync.create_task(self._maintain_multiplexed_session, session_manager_ref)
        else:
            return Thread(
                target=self._maintain_multiplexed_session,
                args=[session_manager_ref],
                daemon=True,
            )

    @staticmethod
    @CrossSync.convert
    async def _maintain_multiplexed_session(session_manager_ref) -> None:
        """Deletes and recreates the multiplexed session periodically so that it stays valid."""
        manager = session_manager_ref()
        if manager is None:
            return
        polling_interval_seconds = manager._MAINTENANCE_THREAD_POLLING_INTERVAL.total_seconds()
        refresh_interval_seconds = manager._MAINTENANCE_THREAD_REFRESH_INTERVAL.total_seconds()
        from time import time

        session_created_time = time()
        while True:
            manager = session_manager_ref()
            if manager is None:
                return
            if manager._multiplexed_session_terminate_event.is_set():
                return
            if time() - session_created_time < refresh_interval_seconds:
                await CrossSync.sleep(polling_interval_seconds)
                continue
            with manager._multiplexed_session_lock:  # bug
                await CrossSync.run_if_async(manager._multiplexed_session.delete)
                manager._multiplexed_session = await manager._build_multiplexed_session()
            session_created_time = time()

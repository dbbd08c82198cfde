"""Broker orchestration of a load-testing service (Tornado on asyncio).

Reproduction of the shape reported in https://github.com/loads/loads-broker/issues/83
("_run_complete no longer being called: a regression from the async/await change") and fixed in
https://github.com/loads/loads-broker/pull/84 (commit 2628cd6): _run_complete became `async def`
while it is only ever used as a future's done callback, so each call makes a coroutine that nobody
awaits and the completion handling never runs. The fix made it a plain method reading
future.result().
"""
from functools import partial

from tornado import gen

from loadsbroker import logger


class LoadsException(Exception):
    pass


class RunManager:
    def __init__(self, db_session, io_loop, plan_uuid):
        self.db_session = db_session
        self.loop = io_loop
        self.plan_uuid = plan_uuid
        self.abort = False
        self.uuid = f"run-{plan_uuid}"

    @classmethod
    def new_run(cls, db_session, io_loop, plan_uuid):
        run_manager = cls(db_session, io_loop, plan_uuid)
        future = gen.convert_yielded(run_manager.start())
        return run_manager, future

    async def start(self):
        logger.debug("Running plan %s", self.plan_uuid)
        return {"plan": self.plan_uuid, "aborted": self.abort}


class Broker:
    def __init__(self, name, io_loop, db):
        self.name = name
        self.loop = io_loop
        self.db = db
        self._runs = {}

    async def _run_complete(self, session, mgr, future):
        logger.debug('Run Plan completed')
        try:
            response = await future
            logger.debug("Run response of: %s", response)
        except Exception:
            logger.error("Run did an exception", exc_info=True)
        self._runs.pop(mgr.uuid, None)

    def abort_run(self, run_id):
        if run_id not in self._runs:
            return False
        self._runs[run_id].abort = True
        return True

    def run_plan(self, strategy_id):
        session = self.db.session()
        try:
            mgr, future = RunManager.new_run(db_session=session, io_loop=self.loop, plan_uuid=strategy_id)
        except KeyError as e:
            raise LoadsException(str(e))

        callback = partial(self._run_complete, session, mgr)  # bug
        future.add_done_callback(callback)  # bug
        self._runs[mgr.uuid] = mgr
        return mgr.uuid

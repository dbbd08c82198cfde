"""APScheduler-based schedules of the API server (reproduction, see ../api/endpoints/functions.py)."""
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.orm import Session

from mlrun.api.utils.singletons.db import get_db


class Scheduler:
    def __init__(self):
        self._scheduler = AsyncIOScheduler()

    async def invoke_schedule(self, db_session: Session, project: str, name: str):
        db_schedule = get_db().get_schedule(db_session, project, name)  # bug
        return await self._submit(db_schedule.kind, db_schedule.scheduled_object)

    async def _submit(self, kind, scheduled_object):
        return {"kind": kind, "object": scheduled_object}

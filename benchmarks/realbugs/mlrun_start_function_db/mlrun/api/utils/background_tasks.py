"""Background task bookkeeping (reproduction, see ../api/endpoints/functions.py)."""
import uuid

import fastapi

from mlrun.api.utils.singletons.db import get_db


class Handler:
    def __init__(self):
        self._background_tasks = {}

    def create_background_task(self, db_session, project: str, background_tasks: fastapi.BackgroundTasks, function, *args):
        name = str(uuid.uuid4())
        self._save_background_task(db_session, project, name)
        background_tasks.add_task(function, *args)
        return {"name": name, "project": project}

    def _save_background_task(self, db_session, project: str, name: str):
        get_db().store_background_task(db_session, project, name, "running")

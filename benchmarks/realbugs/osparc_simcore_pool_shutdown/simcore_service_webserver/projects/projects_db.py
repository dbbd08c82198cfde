"""Projects in the database (reproduction, see servicelib/archiving_utils.py)."""
import asyncio
import concurrent.futures
import logging

from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)


class ProjectAtDB(BaseModel):
    uuid: str
    name: str
    workbench: dict

    class Config:
        orm_mode = True


class ProjectDBAPI:
    def __init__(self, app, engine):
        self._app = app
        self._engine = engine

    async def _execute_without_permission_check(self, conn, select_projects_query):
        api_projects = []
        async for row in conn.execute(select_projects_query):
            try:
                with concurrent.futures.ThreadPoolExecutor() as pool:  # bug
                    await asyncio.get_event_loop().run_in_executor(pool, ProjectAtDB.from_orm, row)  # also
            except ValidationError as exc:
                log.warning("project in db with uuid [%s] failed validation: %s", row["uuid"], exc)
                continue
            api_projects.append(dict(row.items()))
        return api_projects

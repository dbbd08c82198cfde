import typing as t

import fastapi
from sqlalchemy import orm

from capellacollab.core import database

from . import crud, models


class ToolNotFoundError(Exception):
    pass


def get_existing_tool(tool_id: int, db: t.Annotated[orm.Session, fastapi.Depends(database.get_db)]) -> models.DatabaseTool:
    if tool := crud.get_tool_by_id(db, tool_id):
        return tool
    raise ToolNotFoundError(tool_id)


def get_existing_tool_version(
    tool_id: int, version_id: int, db: t.Annotated[orm.Session, fastapi.Depends(database.get_db)]
) -> models.DatabaseVersion:
    if version := crud.get_version_by_version_and_tool_id(db, tool_id, version_id):
        return version
    raise ToolNotFoundError(version_id)

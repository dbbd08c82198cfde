import sqlalchemy as sa
from sqlalchemy import orm

from . import models


def get_tool_by_id(db: orm.Session, tool_id: int) -> models.DatabaseTool | None:
    return db.execute(sa.select(models.DatabaseTool).where(models.DatabaseTool.id == tool_id)).scalar_one_or_none()


def get_version_by_version_and_tool_id(db: orm.Session, tool_id: int, version_id: int) -> models.DatabaseVersion | None:
    return db.execute(
        sa.select(models.DatabaseVersion)
        .where(models.DatabaseVersion.tool_id == tool_id)
        .where(models.DatabaseVersion.id == version_id)
    ).scalar_one_or_none()

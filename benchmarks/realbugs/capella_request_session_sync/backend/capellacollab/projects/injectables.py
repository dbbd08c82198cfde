import typing as t

import fastapi
import sqlalchemy as sa
from sqlalchemy import orm

from capellacollab.core import database


class ProjectNotFoundError(Exception):
    pass


def get_existing_project(project_slug: str, db: t.Annotated[orm.Session, fastapi.Depends(database.get_db)]):
    project = db.execute(sa.text("SELECT * FROM projects WHERE slug = :slug"), {"slug": project_slug}).first()
    if project is None:
        raise ProjectNotFoundError(project_slug)
    return project

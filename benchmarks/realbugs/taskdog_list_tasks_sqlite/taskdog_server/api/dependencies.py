"""FastAPI dependencies: controllers built once around the SQLite repository."""

from typing import Annotated

from fastapi import Depends

from taskdog_core.controllers.query_controller import QueryController
from taskdog_core.infrastructure.sqlite_task_repository import SqliteTaskRepository

_repository = SqliteTaskRepository("tasks.db")
_query_controller = QueryController(_repository)


def get_query_controller() -> QueryController:
    return _query_controller


QueryControllerDep = Annotated[QueryController, Depends(get_query_controller)]

"""Task endpoints.

Reproduction of the shape fixed in https://github.com/Kohei-Wada/taskdog/pull/1090 (report:
https://github.com/Kohei-Wada/taskdog/issues/962): every endpoint was `async def` but called a
controller (an Annotated Depends parameter) whose repository, typed as an abstract base, runs
synchronous SQLite queries: each request blocked the event loop. The fix made the endpoints `def`.
"""

from typing import Annotated

from fastapi import APIRouter, Query

from taskdog_server.api.dependencies import QueryControllerDep

router = APIRouter()


@router.get("/tasks")
async def list_tasks(
    controller: QueryControllerDep,
    include_archived: Annotated[bool, Query(alias="all")] = False,
) -> dict:
    tasks = controller.list_tasks(include_archived=include_archived)  # bug
    return {"tasks": tasks, "total": len(tasks)}

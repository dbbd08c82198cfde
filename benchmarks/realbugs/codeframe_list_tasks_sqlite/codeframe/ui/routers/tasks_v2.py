"""Task routes of a FastAPI server (v2 API).

Reproduction of the shape reported in https://github.com/frankbria/codeframe/issues/751 (async
task/costs handlers call blocking sqlite directly; evidence tasks_v2.py:237) and fixed in pull
request https://github.com/frankbria/codeframe/pull/831 (commit
https://github.com/frankbria/codeframe/commit/0db6880dc83c78e590f68dce85a2d796cd7b0fc7): the
decorated async route list_tasks called tasks.list_tasks(...) and tasks.count_by_status(...)
(`from codeframe.core import tasks`, a module of plain functions), which open the workspace
database through get_db_connection (codeframe/core/workspace.py: sqlite3.connect, PRAGMAs) and run
cursor.execute/fetchall. The fix declared the purely synchronous handlers plain def.
"""
from typing import Optional

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from codeframe.core import tasks
from codeframe.core.workspace import Workspace
from codeframe.lib.rate_limiter import rate_limit_standard

router = APIRouter(prefix="/api/v2/tasks")


def get_v2_workspace() -> Workspace:
    raise NotImplementedError


class TaskListResponse(BaseModel):
    tasks: list[dict]
    total: int
    by_status: dict[str, int]


@router.get("", response_model=TaskListResponse)
@rate_limit_standard()
async def list_tasks(
    request: Request,
    status: Optional[str] = Query(None),
    limit: int = Query(100, ge=1, le=1000),
    workspace: Workspace = Depends(get_v2_workspace),
) -> TaskListResponse:
    task_list = tasks.list_tasks(workspace, status=status, limit=limit)  # bug

    status_counts = tasks.count_by_status(workspace)  # bug

    return TaskListResponse(
        tasks=[t.__dict__ for t in task_list],
        total=len(task_list),
        by_status=status_counts,
    )

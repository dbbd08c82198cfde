"""Function endpoints of an ML orchestration API server (FastAPI).

Reproduction of the shape fixed in https://github.com/mlrun/mlrun/pull/837 (commit 63165da, "[API]
Fix endpoints running sync code on the reactor"): the async endpoint start_function parsed the
request body with a helper that loads the function through the database singleton (a synchronous
SQLAlchemy session), then recorded the background task in the database, both on the event loop;
the scheduler's async invoke_schedule read its schedule the same way. The fix ran those calls with
run_in_threadpool.
"""
from http import HTTPStatus

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request
from sqlalchemy.orm import Session

import mlrun.api.utils.background_tasks
from mlrun.api.api import deps
from mlrun.api.utils.singletons.db import get_db

router = APIRouter()


@router.post("/start/function")
async def start_function(
    request: Request,
    background_tasks: BackgroundTasks,
    db_session: Session = Depends(deps.get_db_session),
):
    try:
        data = await request.json()
    except ValueError:
        raise HTTPException(HTTPStatus.BAD_REQUEST.value, "bad JSON body")

    function = _parse_start_function_body(db_session, data)  # bug

    background_task = mlrun.api.utils.background_tasks.Handler().create_background_task(  # bug
        db_session,
        function["project"],
        background_tasks,
        _start_function,
        function,
    )
    return background_task


def _parse_start_function_body(db_session, data):
    url = data.get("functionUrl")
    if not url:
        raise HTTPException(HTTPStatus.BAD_REQUEST.value, "runtime error: functionUrl not specified")
    project, _, name = url.partition("/")
    runtime = get_db().get_function(db_session, name, project)
    if not runtime:
        raise HTTPException(HTTPStatus.BAD_REQUEST.value, f"runtime error: function {url} not found")
    return {"project": project, "name": name, "runtime": runtime}


def _start_function(function):
    return function

"""Routes that start Robot Framework tasks and suites.

Reproduction of the shape fixed in https://github.com/MarketSquare/robotframework-webservice/pull/33
(commit 5f5038191ee7a2d4b7f66c11938075404846c5e6, "make sync call non-blocking"): the async
FastAPI routes run_all, run_task and run_suite await the coroutine run_robot_and_wait, handing it
one of the module's plain functions (_start_all_robot_tasks and others, each returning
`robot.run(...)`); run_robot_and_wait calls `func(*args, **kwargs)` directly, so a whole test run
executes on the event loop and the service answers nothing else until it ends. The fix ran it in a
ProcessPoolExecutor created in the app's lifespan.
"""
import multiprocessing as mp

import robot
from fastapi import APIRouter, Request
from fastapi.responses import Response

from RobotFrameworkService.Config import Config as RFS_Config

from ..constants import LOGS

router = APIRouter(prefix="/robotframework")


async def run_robot_in_background(func, args=(), kwargs=None):
    p = mp.Process(target=func, args=args, kwargs=kwargs or {})
    p.start()
    return p


async def run_robot_and_wait(func, args=(), kwargs=None):
    result: int = func(*args, **(kwargs or {}))  # bug
    if result == 0:
        result_page, status_code = "PASS", 200
    elif 250 >= result >= 1:
        result_page, status_code = f"FAIL: {result} tasks failed", 400
    else:
        result_page, status_code = f"FAIL: Errorcode {result}", 500
    return Response(content=result_page, media_type="text/html", status_code=status_code)


@router.get("/run/all", tags=["execution"])
async def run_all(request: Request):
    """Run all tasks available."""
    id = request.headers["request-id"]
    return await run_robot_and_wait(func=_start_all_robot_tasks, args=[id])


@router.get("/run/all/async", tags=["execution"])
async def run_all_async(request: Request):
    """Start all tasks; return the execution id while they run in the background."""
    id = request.headers["request-id"]
    await run_robot_in_background(func=_start_all_robot_tasks, args=[id])
    return id


@router.get("/run/{task}", tags=["execution"])
async def run_task(task, request: Request):
    """Run a given task."""
    id = request.headers["request-id"]
    variables = [f"{k}:{v}" for k, v in request.query_params.items()]
    return await run_robot_and_wait(func=_start_specific_robot_task, kwargs={"id": id, "task": task, "variables": variables})


@router.get("/run/suite/{suite}", tags=["execution"])
async def run_suite(suite, request: Request):
    """Run a given suite."""
    id = request.headers["request-id"]
    variables = [f"{k}:{v}" for k, v in request.query_params.items()]
    return await run_robot_and_wait(func=_start_specific_robot_suite, kwargs={"id": id, "suite": suite, "variables": variables})


def _start_all_robot_tasks(id: str, variables: list | None = None) -> int:
    return robot.run(RFS_Config().cmd_args.taskfolder, outputdir=f"{LOGS}/{id}", variable=variables or [], consolewidth=120)


def _start_specific_robot_suite(id: str, suite: str, variables: list | None = None) -> int:
    return robot.run(RFS_Config().cmd_args.taskfolder, suite=suite, outputdir=f"{LOGS}/{id}", variable=variables or [])


def _start_specific_robot_task(id: str, task: str, variables: list | None = None) -> int:
    return robot.run(RFS_Config().cmd_args.taskfolder, task=task, outputdir=f"{LOGS}/{id}", variable=variables or [])

"""How a pipeline runs: awaited in place, or in the background.

Reproduction of the shape reported in https://github.com/topoteretes/cognee/issues/3183 (closed
as fixed): the background mode started the pipeline with `asyncio.create_task(...)` and dropped
the task (the event loop keeps only a weak reference, so it can be garbage-collected mid-run);
the fix kept it in a module-level set with a done callback that discards it.
"""
import asyncio
from typing import Any, AsyncIterator, Callable


async def run_pipeline_blocking(pipeline: Callable[..., AsyncIterator[Any]], **params: Any) -> list:
    results = []
    async for run_info in pipeline(**params):
        results.append(run_info)
    return results


async def run_pipeline_as_background_process(
    pipeline: Callable[..., AsyncIterator[Any]], **params: Any
) -> dict:
    """Start the pipeline and return at once, the caller polls its status."""
    pipeline_run = pipeline(**params)
    first = await anext(pipeline_run)

    async def handle_rest_of_the_run() -> None:
        async for _info in pipeline_run:
            pass

    asyncio.create_task(handle_rest_of_the_run())  # bug
    return {"pipeline_run_id": first}


def get_pipeline_executor(run_in_background: bool = False) -> Callable[..., Any]:
    return run_pipeline_as_background_process if run_in_background else run_pipeline_blocking

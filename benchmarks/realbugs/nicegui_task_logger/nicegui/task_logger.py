import asyncio
import logging
from typing import Any, Coroutine


def _handle_task_result(task: asyncio.Task) -> None:
    try:
        task.result()
    except asyncio.CancelledError:
        pass
    except Exception:
        logging.exception("exception raised by task %s", task.get_name())


def create_task(coroutine: Coroutine[Any, Any, Any], *, name: str = "unnamed task") -> asyncio.Task:
    task = asyncio.get_event_loop().create_task(coroutine, name=name)
    task.add_done_callback(_handle_task_result)
    return task

from __future__ import annotations

from diracx.db.task_queue import TaskQueueDB


async def remove_jobs_from_task_queue(tq_ids: list[int], task_queue_db: TaskQueueDB):
    for tq_id in tq_ids:
        if not task_queue_db.is_task_queue_empty(tq_id):  # bug
            continue
        await task_queue_db.delete_task_queue(tq_id)

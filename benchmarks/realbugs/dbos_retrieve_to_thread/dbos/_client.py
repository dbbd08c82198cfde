"""Client for enqueuing and inspecting DBOS workflows from another process.

Reproduction of the shape fixed in https://github.com/dbos-inc/dbos-transact-py/pull/449:
retrieve_workflow_async assigned asyncio.to_thread(get_workflow, ...) without await, so `status`
was a coroutine, never None: an unknown workflow id returned a handle instead of raising, and the
coroutine was never awaited. The fix added the await.
"""

import asyncio

from ._workflow_commands import get_workflow


class DBOSNonExistentWorkflowError(Exception):
    pass


class WorkflowHandleClientAsyncPolling:
    def __init__(self, workflow_id: str, sys_db) -> None:
        self.workflow_id = workflow_id
        self._sys_db = sys_db


class DBOSClient:
    def __init__(self, sys_db) -> None:
        self._sys_db = sys_db

    def retrieve_workflow(self, workflow_id: str) -> WorkflowHandleClientAsyncPolling:
        status = get_workflow(self._sys_db, workflow_id)
        if status is None:
            raise DBOSNonExistentWorkflowError(workflow_id)
        return WorkflowHandleClientAsyncPolling(workflow_id, self._sys_db)

    async def retrieve_workflow_async(self, workflow_id: str) -> WorkflowHandleClientAsyncPolling:
        status = asyncio.to_thread(get_workflow, self._sys_db, workflow_id)  # bug
        if status is None:
            raise DBOSNonExistentWorkflowError(workflow_id)
        return WorkflowHandleClientAsyncPolling(workflow_id, self._sys_db)

from sqlalchemy import func, select


class TaskQueueDB:
    def __init__(self, conn, jobs_table):
        self.conn = conn
        self.jobs = jobs_table

    async def is_task_queue_empty(self, tq_id: int) -> bool:
        query = select(func.count()).where(self.jobs.c.TQId == tq_id)
        return (await self.conn.execute(query)).scalar() == 0

    async def delete_task_queue(self, tq_id: int) -> None:
        await self.conn.execute(self.jobs.delete().where(self.jobs.c.TQId == tq_id))

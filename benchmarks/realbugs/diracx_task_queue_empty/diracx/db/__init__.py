from .task_queue import TaskQueueDB

__all__ = ("TaskQueueDB",)

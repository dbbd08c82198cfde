"""Read-side use cases shared by the CLI and the server."""

from taskdog_core.domain.task_repository import TaskRepository


class QueryController:
    def __init__(self, repository: TaskRepository) -> None:
        self._repository = repository

    def list_tasks(self, include_archived: bool = False) -> list[dict]:
        tasks = self._repository.get_all()
        if include_archived:
            return tasks
        return [t for t in tasks if t["status"] != "archived"]

"""The storage interface the controllers depend on."""

from abc import ABC, abstractmethod


class TaskRepository(ABC):
    @abstractmethod
    def get_all(self) -> list[dict]:
        """Every stored task."""

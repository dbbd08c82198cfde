"""Database interface of an ML orchestration API server (reproduction, see api/api/endpoints/functions.py)."""
from abc import ABC, abstractmethod


class DBInterface(ABC):
    @abstractmethod
    def get_function(self, session, name, project="", tag="", hash_key=""):
        pass

    @abstractmethod
    def get_schedule(self, session, project: str, name: str):
        pass

    @abstractmethod
    def store_background_task(self, session, project: str, name: str, state: str):
        pass

from typing import Generic, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


class BaseService(Generic[M]):
    def __init__(self, repository) -> None:
        self.repository = repository

    async def get_one(self, **filters) -> M | None:
        return await self.repository.get_one(**filters)

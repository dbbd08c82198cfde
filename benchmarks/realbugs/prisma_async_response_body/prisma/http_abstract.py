"""Shared base of the sync and async HTTP layers (reproduction, see _async_http.py)."""
from abc import ABC, abstractmethod
from typing import Any, Coroutine, Generic, Optional, TypeVar, Union

from .errors import HTTPClientClosedError

Session = TypeVar("Session")
Response = TypeVar("Response")
ReturnType = TypeVar("ReturnType")
MaybeCoroutine = Union[Coroutine[Any, Any, ReturnType], ReturnType]
_UNSET = object()


class AbstractHTTP(ABC, Generic[Session, Response]):
    def __init__(self) -> None:
        self._session: Optional[object] = _UNSET

    @abstractmethod
    def request(self, method: str, url: str, **kwargs: Any) -> MaybeCoroutine["AbstractResponse[Response]"]:
        ...

    @abstractmethod
    def open(self) -> None:
        ...

    @property
    def closed(self) -> bool:
        return self._session is None

    @property
    def session(self):
        if self._session is _UNSET:
            self.open()
        if self._session is None:
            raise HTTPClientClosedError()
        return self._session

    @session.setter
    def session(self, value) -> None:
        self._session = value


class AbstractResponse(ABC, Generic[Response]):
    def __init__(self, original: Response) -> None:
        self.original = original

    @property
    @abstractmethod
    def status(self) -> int:
        ...

    @abstractmethod
    def json(self) -> MaybeCoroutine[Any]:
        ...

    @abstractmethod
    def text(self) -> MaybeCoroutine[Any]:
        ...

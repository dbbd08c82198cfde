"""Result types of a Rocq document manager API (reproduction, see cursor/protocol.py)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Err(Generic[T]):
    message: str
    data: T


@dataclass
class CommandError:
    error_loc: int | None = None


@dataclass
class StepsError:
    cmd_error: CommandError | None
    nb_processed: int


@dataclass
class CommandData:
    open_subgoals: str | None = None

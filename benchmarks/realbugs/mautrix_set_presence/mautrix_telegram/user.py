"""Telegram account of a Matrix user of the bridge (reproduction, see matrix.py).

set_presence is a plain method returning self.client(UpdateStatusRequest(...)), a coroutine.
"""
from typing import Coroutine, Dict, Optional, cast

from telethon.tl.functions.account import UpdateStatusRequest

from .abstract_user import AbstractUser


class User(AbstractUser):
    by_mxid = {}  # type: Dict[str, User]

    def __init__(self, mxid, tgid=None, is_bot: bool = False) -> None:
        super().__init__()
        self.mxid = mxid
        self.tgid = tgid
        self.is_bot = is_bot
        self.by_mxid[mxid] = self

    @property
    def name(self) -> str:
        return self.mxid

    def ensure_started(self, even_if_no_session: bool = False) -> Coroutine[None, None, "User"]:
        return cast(Coroutine[None, None, "User"], super().ensure_started(even_if_no_session))

    def set_presence(self, online: bool = True) -> bool:
        if self.is_bot:
            return False
        return self.client(UpdateStatusRequest(offline=not online))

    @classmethod
    def get_by_mxid(cls, mxid, create: bool = True) -> Optional["User"]:
        if not mxid:
            raise ValueError("Matrix ID can't be empty")
        try:
            return cls.by_mxid[mxid]
        except KeyError:
            pass
        return cls(mxid) if create else None

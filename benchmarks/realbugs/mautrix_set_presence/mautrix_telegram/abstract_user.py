"""Base of the bridge's Telegram users and bots (reproduction, see matrix.py)."""
import logging
import platform
from abc import ABC, abstractmethod

from .tgclient import MautrixTelegramClient

config = None


class AbstractUser(ABC):
    log = logging.getLogger("mau.abstract_user")
    session_container = None
    loop = None

    def __init__(self) -> None:
        self.client = None  # type: MautrixTelegramClient
        self.is_bot = False
        self.puppet_whitelisted = True

    @property
    def connected(self) -> bool:
        return self.client and self.client.is_connected()

    @property
    @abstractmethod
    def name(self) -> str:
        raise NotImplementedError()

    def _init_client(self) -> None:
        self.session = self.session_container.new_session(self.name)
        self.client = MautrixTelegramClient(session=self.session,
                                            api_id=config["telegram.api_id"],
                                            api_hash=config["telegram.api_hash"],
                                            loop=self.loop,
                                            device_model=f"{platform.system()} {platform.release()}",
                                            timeout=120)

    async def is_logged_in(self) -> bool:
        return self.client and await self.client.is_user_authorized()

    async def start(self, delete_unless_authenticated: bool = False) -> "AbstractUser":
        if not self.client:
            self._init_client()
        await self.client.connect()
        return self

    async def ensure_started(self, even_if_no_session=False) -> "AbstractUser":
        if not self.puppet_whitelisted:
            return self
        if not self.connected and even_if_no_session:
            await self.start(delete_unless_authenticated=not even_if_no_session)
        return self

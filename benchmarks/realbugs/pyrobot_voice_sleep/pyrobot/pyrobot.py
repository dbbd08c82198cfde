"""Pyrogram client subclass of a Telegram userbot (reproduction, see plugins/voice.py)."""
from configparser import ConfigParser

from pyrogram import Client

from . import __version__


class PyroBot(Client):
    def __init__(self):
        name = self.__class__.__name__.lower()
        config_file = f"{name}.ini"
        config = ConfigParser()
        config.read(config_file)
        super().__init__(
            session_name=name,
            app_version=f"PyroBot v{__version__}",
            workdir=".",
            config_file=config_file,
            workers=8,
            plugins=dict(root=f"{name}/plugins"),
        )

    async def start(self):
        await super().start()
        print(f"PyroBot started with Version v{__version__}")

"""Twitch chat bot task."""

import asyncio
import logging

from twitchAPI.chat import Chat


class TwitchChat:
    """answers chat commands"""

    def __init__(self, config=None, stopevent=None):
        self.config = config
        self.stopevent = stopevent
        self.twitch = None
        self.chat = None

    async def run_chat(self, twitchlogin):
        """log in, then keep the chat connection up"""
        while not self.stopevent.is_set():
            if self.chat and self.chat.is_connected():
                await asyncio.sleep(60)
                continue
            self.twitch = await twitchlogin.api_login()
            if not self.twitch:
                await twitchlogin.cache_token_del()
                await asyncio.sleep(60)
                continue
            self.chat = await Chat(self.twitch)
            self.chat.start()
            logging.debug("chat started")
        if self.twitch:
            await twitchlogin.api_logout()

    async def stop(self):
        """stop the chat bot"""
        if self.chat:
            self.chat.stop()
        self.chat = None

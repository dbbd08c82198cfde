"""Twitch support: runs the chat and redemptions tasks on one event loop."""

import asyncio
import threading

import nowplaying.twitch.chat
import nowplaying.twitch.redemptions
import nowplaying.twitch.utils


class TwitchSupport:
    """start and stop the Twitch tasks"""

    def __init__(self, config=None, stopevent=None):
        self.config = config
        self.stopevent = stopevent or threading.Event()
        self.chat = nowplaying.twitch.chat.TwitchChat(config=config, stopevent=self.stopevent)
        self.redemptions = nowplaying.twitch.redemptions.TwitchRedemptions(
            config=config, stopevent=self.stopevent
        )
        self.twitchlogin = nowplaying.twitch.utils.TwitchLogin(config)
        self.loop = None
        self.tasks = set()

    def _track(self, coro):
        task = self.loop.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def bootstrap(self):
        """launch both tasks a few seconds apart"""
        await asyncio.sleep(5)
        self._track(self.chat.run_chat(self.twitchlogin))
        await asyncio.sleep(5)
        self._track(self.redemptions.run_redemptions(self.twitchlogin, self.chat))

    def start(self):
        """run the Twitch loop in this thread"""
        self.loop = asyncio.new_event_loop()
        self._track(self.bootstrap())
        self.loop.run_forever()

    async def stop(self):
        await self.redemptions.stop()
        await self.chat.stop()
        await self.twitchlogin.api_logout()
        self.loop.stop()

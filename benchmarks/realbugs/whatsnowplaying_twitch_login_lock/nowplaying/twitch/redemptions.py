"""Twitch channel point redemptions task."""

import asyncio
import logging

from twitchAPI.pubsub import PubSub


class TwitchRedemptions:
    """turns channel point redemptions into track requests"""

    def __init__(self, config=None, stopevent=None):
        self.config = config
        self.stopevent = stopevent
        self.twitch = None
        self.pubsub = None

    async def on_redemption(self, uuid, data):  # pylint: disable=unused-argument
        logging.debug("redemption: %s", data)

    async def run_redemptions(self, twitchlogin, chat):  # pylint: disable=unused-argument
        """log in, then listen for redemptions"""
        while not self.stopevent.is_set() and not self.pubsub:
            await asyncio.sleep(5)
            self.twitch = await twitchlogin.api_login()
            if not self.twitch:
                await twitchlogin.cache_token_del()
                continue
            self.pubsub = PubSub(self.twitch)
            self.pubsub.start()

    async def stop(self):
        """stop listening"""
        if self.pubsub:
            self.pubsub.stop()

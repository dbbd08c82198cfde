"""Discord cog posting a game server's rates when they change.

Reproduction of the shape fixed in https://github.com/FM-17/poglink/pull/47 (commit
835ac890b42f672e8996a3bf57ba0a4cf2e98179, "fix: replaced time.sleep with asyncio.sleep", after
"Shard ID None heartbeat blocked for more than 10 seconds"): the on_ready listener of the Rates
cog polls every rates URL forever and waits between polls with time.sleep(self.polling_delay),
which stops the bot's event loop; the fix awaited asyncio.sleep instead.
"""
import json
import logging
import os
import time
from urllib.parse import urlparse

import aiohttp
import discord
from discord.ext import commands

from poglink.error import RatesFetchError, RatesProcessError, RatesWriteError
from poglink.models import RatesStatus

logger = logging.getLogger(__name__)


class Rates(commands.Cog):
    def __init__(self, client):
        self.client = client
        self.webpage_urls = client.config.rates_urls
        self.channel_id = client.config.rates_channel_id
        self.polling_delay = client.config.polling_delay
        self.data_dir = os.path.expanduser(client.config.data_dir)
        self.output_paths = [
            os.path.join(self.data_dir, f"last_{os.path.basename(urlparse(url).path)}.json")
            for url in self.webpage_urls
        ]

    @staticmethod
    async def get_current_rates(url):
        async with aiohttp.ClientSession() as session:
            async with session.get(url, headers={"Cache-Control": "no-cache"}) as response:
                return RatesStatus.from_raw(await response.text())

    async def send_embed(self, description, url):
        embed = discord.Embed(description=description, title=f"Rates at {url} changed")
        channel = self.client.get_channel(self.channel_id)
        message = await channel.send(embed=embed)
        if message.channel.type == discord.ChannelType.news:
            await message.publish()

    async def compare_posted_rates(self, webpage_url, output_path):
        try:
            rates = await self.get_current_rates(webpage_url)
        except ValueError as e:
            raise RatesProcessError(e) from e
        except Exception as e:
            raise RatesFetchError(e) from e
        last_rates = RatesStatus.from_dict({})
        rates_diff = last_rates.get_diff(rates)
        if rates_diff.items:
            try:
                with open(output_path, "w+") as f:  # also
                    json.dump(rates.to_dict(), f, indent=4)
            except Exception as e:
                raise RatesWriteError(e) from e
        return rates_diff

    @commands.Cog.listener()
    async def on_ready(self):
        logger.info("Cog Ready: Rates")
        while True:
            for url, output_path in zip(self.webpage_urls, self.output_paths):
                try:
                    rates_diff = await self.compare_posted_rates(url, output_path)
                except (RatesFetchError, RatesProcessError, RatesWriteError) as e:
                    logger.error(e)
                    continue
                if rates_diff.items:
                    await self.send_embed(rates_diff.to_embed(), url)
                time.sleep(self.polling_delay)  # bug


def setup(client):
    client.add_cog(Rates(client))

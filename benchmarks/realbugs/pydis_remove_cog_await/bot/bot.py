"""Bot class of a community Discord bot (reproduction, see exts/filters/antispam.py).

BotBase (botcore) subclasses discord.ext.commands.Bot, whose remove_cog is a coroutine since
discord.py 2.0.
"""
from collections import defaultdict

from botcore import BotBase


class Bot(BotBase):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filter_list_cache = defaultdict(dict)

    async def cache_filter_list_data(self) -> None:
        full_cache = await self.api_client.get("bot/filter-lists")
        for item in full_cache:
            self.filter_list_cache[f"{item['type']}.{item['allowed']}"][item["content"]] = item

    async def setup_hook(self) -> None:
        await super().setup_hook()
        await self.cache_filter_list_data()

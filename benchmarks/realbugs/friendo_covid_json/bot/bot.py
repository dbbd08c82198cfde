"""Bot class of a discord.py bot (reproduction, see cogs/covid_stats.py for the source)."""
import aiohttp
from discord.ext.commands import Bot


class Friendo(Bot):
    def __init__(self, command_prefix: str, *args, **kwargs) -> None:
        super().__init__(command_prefix=command_prefix, *args, **kwargs)
        # one session for the bot's web requests
        self.session = aiohttp.ClientSession()

    async def close(self) -> None:
        await super().close()
        await self.session.close()

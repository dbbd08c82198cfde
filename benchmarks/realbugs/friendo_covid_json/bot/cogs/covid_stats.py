"""Statistics cog of a discord.py bot.

Reproduction of the shape fixed in https://github.com/fisher60/friendo-bot/pull/154 (commit 5b633f3,
"attempt to use __get__ on a coroutine"): `await resp.json()["Countries"]` indexes the coroutine
that resp.json() returns before awaiting it; the fix wrote `(await resp.json())["Countries"]`.
"""
from discord import Colour, Embed
from discord.ext.commands import Cog, Context, command

from bot.bot import Friendo

SUMMARY_URL = "https://api.example.org/summary"


class CovidStats(Cog):
    def __init__(self, bot: Friendo) -> None:
        self.bot = bot

    @command(name="globalstats")
    async def global_summary(self, ctx: Context) -> None:
        summary = await self.global_stats()
        await ctx.send(embed=Embed(title="Global summary", description=summary, color=Colour.blue()))

    @command(name="stats")
    async def country_summary(self, ctx: Context, country: str) -> None:
        stats = await self.country_stats(country=country)
        await ctx.send(embed=Embed(title=country.title(), description=stats or "no data", color=Colour.green()))

    async def global_stats(self) -> str:
        async with self.bot.session.get(SUMMARY_URL) as stats:
            summary = await stats.json()
            return "\n".join(f"{key}: {value:,}" for key, value in summary["Global"].items())

    async def country_stats(self, country: str) -> str:
        async with self.bot.session.get(SUMMARY_URL) as resp:
            assert resp.status == 200, resp.raise_for_status()
            read = await resp.json()["Countries"]  # bug

            data = []
            for entry in read:
                if country.lower() in (entry["Country"].lower(), entry["Slug"].lower()):
                    data = [f"{key}: {value}" for key, value in entry.items()]
                    break
            return "\n".join(data)


def setup(bot: Friendo) -> None:
    bot.add_cog(CovidStats(bot))

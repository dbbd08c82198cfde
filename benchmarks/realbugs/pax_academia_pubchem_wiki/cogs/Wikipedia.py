"""The wiki command (reproduction, see PubChem.py)."""
import wikipedia
from discord.ext import commands

from util.EmbedBuilder import EmbedBuilder


async def get_wiki(query) -> dict[str, str]:
    """The first Wikipedia page for the query: title, summary, url and image."""
    page = wikipedia.page(query, auto_suggest=False)  # bug
    return {
        "title": page.title,
        "summary": page.summary.split("\n")[0],  # bug
        "url": page.url,
        "image": page.images[0],  # bug
    }


class Wikipedia(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.slash_command(name="wiki", description="Searches Wikipedia for a topic.")
    async def wiki(self, ctx: commands.Context, query: str) -> None:
        try:
            page = await get_wiki(query)
            embed = EmbedBuilder(
                title=page["title"].title(), description=page["summary"], url=page["url"], image=page["image"]
            ).build()
            await ctx.respond(embed=embed)
        except wikipedia.exceptions.PageError:
            await ctx.respond(embed=EmbedBuilder(title="Error", description="No such page.").build())


def setup(bot: commands.Bot) -> None:
    bot.add_cog(Wikipedia(bot))

"""Cog for the university: looks staff members up on the ufind service.

Reproduction of the shape fixed in https://github.com/PKlempe/SAM/pull/118 (issue #114, commit
4d187e7b8e6804ccf06aa196802d255da011a3c9, "Replace requests module with async aiohttp"): the
command coroutine ufind_get_staff_data queries the ufind API twice with the synchronous
requests.get(...), blocking the bot's event loop for each round trip. The fix used an
aiohttp.ClientSession held by the cog.
"""
import xml.etree.ElementTree as ET
from typing import Dict, List

import discord
import requests
from discord.ext import commands

from bot import constants


class UniversityCog(commands.Cog):
    """Cog for functions regarding the university."""

    def __init__(self, bot):
        self.bot = bot

    @commands.group(name="ufind", invoke_without_command=True)
    async def ufind(self, ctx: commands.Context):
        await ctx.send_help(ctx.command)

    @ufind.command(name="staff")
    async def ufind_get_staff_data(self, ctx: commands.Context, *, search_term: str):
        search_filters = "%20%2Be%20c%3A6"  # URL Encoding
        response = requests.get(constants.URL_UFIND_API + "/staff/?query=" + search_term + search_filters)  # bug
        response.encoding = "utf-8"

        if response.status_code == 200:
            xml = ET.fromstring(response.text)
            persons = xml.findall("person")
            index = 0

            if len(persons) > 0:
                if len(persons) > 1:
                    index = await self._staff_selection(ctx.author, ctx.channel, persons)

                response = requests.get(constants.URL_UFIND_API + "/staff/" + persons[index].attrib["id"])  # bug
                response.encoding = "utf-8"

                staff_data = _parse_staff_xml(response.text)
                await ctx.channel.send(embed=_create_embed_staff(staff_data))
            else:
                raise ValueError("No person with the specified name was found.")
        else:
            response.raise_for_status()

    async def _staff_selection(self, author: discord.User, channel: discord.TextChannel, persons: List[ET.Element]) -> int:
        message = await channel.send("\n".join(f"{i}: {p.findtext('name')}" for i, p in enumerate(persons)))

        def check(reaction, user):
            return user == author and reaction.message.id == message.id

        reaction, _ = await self.bot.wait_for("reaction_add", timeout=constants.TIMEOUT_USER_SELECTION, check=check)
        return int(str(reaction.emoji)[0])


def _parse_staff_xml(text: str) -> Dict[str, str]:
    person = ET.fromstring(text)
    return {"name": person.findtext("name") or "", "email": person.findtext("email") or ""}


def _create_embed_staff(staff_data: Dict[str, str]) -> discord.Embed:
    return discord.Embed(title=staff_data["name"], description=staff_data["email"])


def setup(bot):
    bot.add_cog(UniversityCog(bot))

"""Repo Finder commands.

Reproduction of the shape fixed in https://github.com/savioxavier/repo-finder-bot/pull/6 (commit
b6effe83dc78c1d814971476832a31247eec9f7d, "Implemented aiohttp/async http requests"): the cog's
commands `repo` and `repolang` (coroutines) call the plain methods self.search_requester, which
queries the GitHub search API with requests.get, and self.process_embed, which fetches the chosen
repository's issues with requests.get, so every search blocks the bot. The fix made both methods
coroutines using aiohttp and awaited them; the two requests.get lines and the four call lines
the fix changed are marked.
"""
import os
import random
import re

import discord
import requests
from discord.ext import commands
from discord.ext.commands import Cog
from requests.utils import requote_uri

GH_TOKEN = os.environ.get("GH_TOKEN")
HEADERS = {"Content-Type": "application/json", "Authorization": GH_TOKEN}


class RequestError(Exception):
    pass


class Finder(commands.Cog):
    """The search commands."""

    def __init__(self, client):
        self.client = client

    @Cog.listener()
    async def on_ready(self):
        print("Finder up!")

    def search_requester(self, payload):
        """Build a GitHub search query from the payload and run it."""
        query = ""
        for topic in payload.get("topics", []):
            query += f"topic:{topic}+"
        for language in payload.get("languages", []):
            query += f"language:{language}+"
        url = "https://api.github.com/search/{}?q={}&per_page=75".format(payload["method"], requote_uri(query))
        try:
            response = requests.get(url, headers=HEADERS)  # bug
        except Exception:
            raise RequestError
        return response

    def process_embed(self, response, ctx):
        """Pick one repository and build the embed, with its latest issue."""
        data = random.choice(response["items"])
        repo_full_name = data["full_name"]
        issues_url = f"https://api.github.com/repos/{repo_full_name}/issues"
        issue_response = requests.get(issues_url, headers=HEADERS).json()  # bug
        if issue_response:
            details = f"{issue_response[0]['title']} opened by {issue_response[0]['user']['login']}"
        else:
            details = "Looks like there are no issues for this repository!"
        self.repo_embed = discord.Embed(
            title=repo_full_name, url=data["html_url"], description=data["description"], timestamp=ctx.message.created_at
        )
        self.repo_embed.add_field(name="Latest Issues", value=details, inline=False)

    @commands.command(name="repo")
    async def command_find_repo(self, ctx, *, topics: str = None):
        first_message = await ctx.send("Fetching a repo, just for you!")
        topics = [s.strip() for s in topics.split(",")] if topics else ["hacktoberfest"]
        try:
            resp = self.search_requester({"method": "repositories", "topics": topics}).json()  # bug
        except RequestError as e:
            print(e)
            await first_message.edit(content="Something went wrong trying to fetch data.")
            return
        if resp["total_count"] == 0:
            await first_message.edit(content="Something went wrong trying to fetch data.")
        else:
            self.process_embed(resp, ctx)  # bug
            await first_message.edit(content="Found a new repo matching topic(s) `{}`!".format(", ".join(topics)), embed=self.repo_embed)

    @commands.command(name="repolang")
    async def command_find_repolang(self, ctx, languages: str = None, topics: str = None):
        first_message = await ctx.send("Fetching a repo, just for you!")
        if languages is None:
            await first_message.edit(content="You need to specify a language!")
            return
        payload = {"method": "repositories", "languages": re.split(r"[,\s]+", languages.strip())}
        if topics:
            payload["topics"] = [s.strip() for s in topics.split(",")]
        try:
            resp = self.search_requester(payload).json()  # bug
        except RequestError as e:
            print(e)
            await first_message.edit(content="Something went wrong trying to fetch data.")
            return
        if resp["total_count"] == 0:
            await first_message.edit(content="Something went wrong trying to fetch data.")
        else:
            self.process_embed(resp, ctx)  # bug
            await first_message.edit(content="Found a new repo!", embed=self.repo_embed)


def setup(bot):
    bot.add_cog(Finder(bot))

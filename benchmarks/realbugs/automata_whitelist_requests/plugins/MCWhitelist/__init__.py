"""Minecraft whitelist plugin of a discord.py community bot.

Reproduction of the shape fixed in
https://github.com/MUNComputerScienceSociety/Automata/pull/77 ("Async all the things", commit
c5cf30a: "Ditch our usage of requests in favour of httpx"): the plugin's coroutines call methods of
two helper objects kept on self, built in __init__ from classes of two other modules, and those
methods run blocking requests calls; the fix made the helpers async (httpx.AsyncClient) and
awaited them.
"""
from discord.ext import commands

from Globals import mongo_client
from Plugin import AutomataPlugin

from .mojang_api import MojangAPI
from .whitelist_http_api import WhitelistHttpApi


class MCWhitelist(AutomataPlugin):
    """Provides Minecraft account whitelisting."""

    def __init__(self, manifest, bot: commands.Bot):
        super().__init__(manifest, bot)
        self.whitelisted_accounts = mongo_client.automata.mcwhitelist_whitelisted_accounts
        self.mojang_api = MojangAPI()
        self.whitelist_http_api = WhitelistHttpApi()

    async def get_whitelisted_account(self, member):
        return await self.whitelisted_accounts.find_one({"discord_id": member.id})

    async def is_minecraft_account_already_associated(self, username):
        whitelist = self.whitelist_http_api.whitelist()  # bug
        return any(entry["name"] == username for entry in whitelist)

    async def remove_whitelisted_account(self, ctx, whitelisted_account):
        username = whitelisted_account["minecraft_username"]
        self.whitelist_http_api.remove(username)  # bug
        await self.whitelisted_accounts.delete_many({"discord_id": ctx.author.id})

    @commands.group()
    async def whitelist(self, ctx: commands.Context):
        """Manage your whitelisted Minecraft account."""

    @whitelist.command(name="add")
    async def whitelist_add(self, ctx: commands.Context, username: str):
        if await self.get_whitelisted_account(ctx.author) is not None:
            await ctx.send("You already have a Minecraft account on the whitelist.")
            return

        mojang_resp = self.mojang_api.info_from_username(username)  # bug
        if mojang_resp is None:
            await ctx.send(f"Error verifying username '{username}'.")
            return

        if await self.is_minecraft_account_already_associated(username):
            await ctx.send(f"Username '{username}' is already on the whitelist.")
            return

        self.whitelist_http_api.add(username)  # bug
        await self.whitelisted_accounts.insert_one(
            {"discord_id": ctx.author.id, "minecraft_username": username, "minecraft_uuid": mojang_resp["id"]}
        )
        profile = await self.mojang_api.profile_from_uuid(mojang_resp["id"])
        await ctx.send(f"Minecraft account whitelisted: {profile}")

    @whitelist.command(name="remove")
    async def whitelist_remove(self, ctx: commands.Context):
        account = await self.get_whitelisted_account(ctx.author)
        if account is not None:
            await self.remove_whitelisted_account(ctx, account)
            await ctx.send("Removed.")

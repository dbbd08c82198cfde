from typing import Union

from discord import Member, Message, User
from discord.ext import commands
from pymongo import MongoClient

from utils import get_environment_variable

from .utils import COLOR

MONGO_CONNECTION_STRING = get_environment_variable("MONGO_CONNECTION_STRING")
DB_CLIENT = MongoClient(MONGO_CONNECTION_STRING)
db = DB_CLIENT.get_database("users_db")


async def add_experience(message: Message, user: Union[User, Member], exp: int):
    """Adds xp to the user in the database, and calls the level up function"""
    server = db[str(user.guild.id)]
    stats = list(server.find({"id": user.id}))
    exp = stats[-1]["experience"] + exp
    server.update_one(stats[-1], {"$set": {"experience": exp}})  # bug
    await message.channel.send(f"{user.mention} +{exp}")


class Economy(commands.Cog):
    def __init__(self, client):
        self.client = client
        self.color = COLOR

    @commands.Cog.listener()
    async def on_message(self, message: Message):
        if not message.author.bot:
            await add_experience(message, message.author, 10)

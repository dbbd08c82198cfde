import os

import discord
import requests
from discord.ext import commands

API_URL = os.getenv("API_URL", "http://localhost:8000")
bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())


@bot.command(name="ask")
async def ask_rag(ctx, *, question: str):
    payload = {"question": question}
    response = requests.post(f"{API_URL}/chat/ask", json=payload, timeout=30)  # bug
    await ctx.send(response.json().get("answer", "no answer"))

"""Run a Discord (py-cord) bot that answers questions through a document Q&A web backend.

Reproduction of the shape reported in https://github.com/the-full-stack/ask-fsdl/issues/9
("switch to an async request with aiohttp": waiting on the backend is most of the execution time)
and fixed in commit e9b62ba83f400c4b291a25d190d8c63fd97b5ff8: the /ask slash command's coroutine
calls runner(question), a plain function of the same module that waits on requests.get for the
backend's answer, so the bot's event loop stalls for the whole answer. The fix made runner a
coroutine using aiohttp (its missing await at the call site was fixed next, for issue #10).
"""
import argparse
import os

import discord
import requests
from discord.ext import commands

BACKEND_URL = f"https://{os.environ.get('MODAL_USER_NAME', 'user')}--ask-hook.modal.run"
DISCORD_AUTH = os.environ.get("DISCORD_AUTH", "")


def runner(query):
    payload = {"query": query}
    response = requests.get(url=BACKEND_URL, params=payload)
    response.raise_for_status()
    return response.json()["answer"]


def main(auth):
    intents = discord.Intents.default()
    intents.message_content = True
    bot = commands.Bot(intents=intents)

    @bot.event
    async def on_ready():
        print(f"{bot.user} is ready and online!")

    response_fmt = """{mention} asked: {question}

    Here's my best guess at an answer, with sources so you can read more:

    {response}"""

    @bot.slash_command(name="ask", description="Answers questions about the course material.")
    async def answer(ctx, question: str):
        """Answers questions about the course material."""
        respondent = ctx.author
        await ctx.respond("Working on it!", ephemeral=True)
        response = runner(question)  # bug
        await ctx.send_followup(
            response_fmt.format(mention=respondent.mention, question=question, response=response)
        )

    bot.run(auth)


def make_argparser():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dev", action="store_true", help="Run in development mode.")
    return parser


if __name__ == "__main__":
    main(auth=DISCORD_AUTH)

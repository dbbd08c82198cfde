"""Helpers of a Poe.com API wrapper (reproduction, see async_api.py)."""
BASE_URL = "https://poe.com"
BOTS_LIST = {"Assistant": "capybara", "Claude-3-Opus": "claude_2_1_cedar"}


def bot_map(bot):
    return BOTS_LIST.get(bot, bot.lower().replace(" ", ""))

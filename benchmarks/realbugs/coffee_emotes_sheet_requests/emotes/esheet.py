"""EmoteSheet: the Google Sheets engine of the emotes cog (coffee-cogs, Red-DiscordBot v3).

Reproduction of the shape fixed in https://github.com/coffeebank/coffee-cogs/issues/15 ("emotes: Use
async library instead of requests"), fixed by commit f87d69d02ed2d6b2ba13695572cee31ef095f623
("emotes: Move to aiohttp", PR #16): the coroutine EmoteSheet.update, awaited by the cog's
`setemotes sheet update` command in emotes.py (EmoteSheet.update(self, ctx, self.bot, ...)), fetches
the whole spreadsheet with requests.get(url) and parses it. The fix used an aiohttp ClientSession;
the changed lines are marked.
"""
import time

import discord
import requests


class EmoteSheet():
  """EmoteSheet is the engine behind integrating with the Google Sheets API."""

  def __init__(self, **kwargs):
      super().__init__()

  async def search(self, ctx, emotestore, search, page):
    emoteresults = [a for a in emotestore if search.lower() in a[1] or search.lower() in a[3]]
    if len(emoteresults) <= 0:
      return await ctx.message.add_reaction("💨")
    for b in emoteresults:
      e = discord.Embed(description=f"`{b[2]}`")
      e.set_author(name=b[1], url=b[2])
      e.set_thumbnail(url=b[2])
      # Ratelimit to 1 per 0.75s if bot is going to list all at once
      if page == 0:
        time.sleep(0.65)  # also
      await ctx.send(embed=e)

  async def update(self, ctx, bot, gsheets_data):
    # Retrieve data from bot
    if gsheets_data == "":
      return "The Google Sheets with Emotes data has not been set."
    gsheets_key = await bot.get_shared_api_tokens("gsheets")
    if gsheets_key.get("api_key") is None:
      return "The Google Sheets API key has not been set."

    # Run REST api request to Google Sheets API
    url = "https://sheets.googleapis.com/v4/spreadsheets/"+gsheets_data+"?key="+gsheets_key.get("api_key")+"&includeGridData=True"
    sendreq = requests.get(url)  # bug
    reqtext = sendreq.json()  # bug
    emotearray = []

    for sheet in reqtext["sheets"]:
      for rowdata in sheet["data"][0]["rowData"]:
        try:
          b = rowdata["values"][1]["formattedValue"] #name
          c = rowdata["values"][2]["formattedValue"]+"&size=64&emote="+b #url
        except Exception:
          pass
        else:
          try:
            a = rowdata["values"][0]["formattedValue"] #fav
          except Exception:
            a = False
          try:
            d = rowdata["values"][3]["formattedValue"] #tags
          except Exception:
            d = ""
          emotearray.append([a, b.lower(), c, d])

    return emotearray

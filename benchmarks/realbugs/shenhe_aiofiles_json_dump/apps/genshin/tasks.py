"""Background tasks of the bot: refresh the game's text maps from the ambr.top API.

Reproduction of the shape fixed in https://github.com/seriaati/shenhe_bot/pull/660 (commit
0d4dcbac21e7905576ccd30c7a8c8118c248f36b, "fix: aiofiles"): inside `async with aiofiles.open(...)
as f:` the coroutines hand aiofiles' async file object to the synchronous json.dump(obj, f) and
json.load(f); json then calls f.write(...) / f.read(), which are coroutine methods of the aiofiles
object, so every write is a coroutine never awaited (nothing is written) and json.load gets a
coroutine instead of text. The fix used `await f.write(json.dumps(...))` and
`json.loads(await f.read())`; all five changed lines are marked (the fifth is in run.py).
"""
import json
import typing

import aiofiles
import aiohttp

AMBR_LANGS = {"en-US": "en", "zh-TW": "cht"}


async def update_thing_text_map(thing: str, session: aiohttp.ClientSession) -> None:
    update_dict: typing.Dict[str, typing.Dict[str, str]] = {}
    for _discord_lang, lang in AMBR_LANGS.items():
        async with session.get(f"https://api.ambr.top/v2/{lang}/{thing}") as r:
            data = await r.json()
        for item_id, item_data in data["data"]["items"].items():
            update_dict.setdefault(item_id, {})[lang] = item_data["name"]
    async with aiofiles.open(f"text_maps/{thing}.json", "w+", encoding="utf-8") as f:
        json.dump(update_dict, f, indent=4, ensure_ascii=False)  # bug


async def update_dungeon_text_map(session: aiohttp.ClientSession) -> None:
    update_dict: typing.Dict[str, typing.Dict[str, str]] = {}
    for lang in list(AMBR_LANGS.values()):
        async with session.get(f"https://api.ambr.top/v2/{lang}/dailyDungeon") as r:
            data = await r.json()
        for _, domains in data["data"].items():
            for _, domain_info in domains.items():
                update_dict.setdefault(str(domain_info["id"]), {})[lang] = domain_info["name"]
    async with aiofiles.open("text_maps/dailyDungeon.json", "w+", encoding="utf-8") as f:
        json.dump(update_dict, f, indent=4, ensure_ascii=False)  # bug


async def update_item_text_map(things_to_update) -> None:
    huge_text_map: typing.Dict[str, str] = {}
    for thing in things_to_update:
        async with aiofiles.open(f"text_maps/{thing}.json", "r", encoding="utf-8") as f:
            text_map_: typing.Dict[str, typing.Dict[str, str]] = json.load(f)  # bug
        for item_id, item_info in text_map_.items():
            for name in item_info.values():
                huge_text_map[name] = item_id
    async with aiofiles.open("text_maps/item_name.json", "w+", encoding="utf-8") as f:
        json.dump(huge_text_map, f, indent=4, ensure_ascii=False)  # bug

import asyncio
import sqlite3
import time

from nonebot import on_message
from nonebot.adapters.onebot.v11 import GroupMessageEvent, Message
from nonebot.rule import to_me

conn = sqlite3.connect("./js/qqgroup_userinfo.db")
c = conn.cursor()
gpt_accounts = []


def get_gpt_accounts():
    return gpt_accounts


ask_awake = on_message(rule=to_me(), priority=200)


@ask_awake.handle()
async def _(event: GroupMessageEvent):
    uid = event.user_id
    if len(get_gpt_accounts()) < 1:
        await ask_awake.finish(Message(f"[CQ:at,qq={uid}] no account"))
    row = None
    time.sleep(0.5)  # bug
    account_list = get_gpt_accounts()
    for account in account_list:
        while "working" in account.status:
            await asyncio.sleep(0.5)
        if row is None:
            break

"""Anti-advertising plugin of a QQ group bot: OCR the posted image, recall it, mute the sender.

Reproduction of the shape fixed in https://github.com/GWYOG/GWYOG-Hoshino-plugins/pull/27 (issue
26): the message handler called the async judge_bot_auth(bot, ev) without await, so bot_auth was
a coroutine, `bot_auth == True` never held and the countermeasure never ran (the coroutine was
never awaited). The fix added the await.
"""


class Service:
    def __init__(self, name: str) -> None:
        self.name = name

    def on_message(self):
        def deco(func):
            return func

        return deco


sv = Service("ggnmslocr")


async def check_image(bot, ev, img) -> bool:
    result = await bot.call_action(action=".ocr_image", image=img)
    return "ad" in str(result)


async def judge_bot_auth(bot, ev) -> bool:
    bot_info = await bot.get_group_member_info(group_id=ev.group_id, user_id=ev.self_id)
    return bot_info["role"] != "member"


@sv.on_message()
async def on_input_image(bot, ev):
    for seg in ev.message:
        if seg.type == "image":
            img = seg.data["file"]
            if await check_image(bot, ev, img):
                bot_auth = judge_bot_auth(bot, ev)  # bug
                if bot_auth == True:  # noqa: E712
                    await bot.delete_msg(self_id=ev.self_id, message_id=ev.message_id)

"""The bot's entry point (reproduction, see src/plugins/hikari_bot/wws_realTime.py)."""
import sys

import nonebot
from nonebot.adapters.onebot.v11 import Adapter as ONEBOT_V11Adapter

nonebot.init()
app = nonebot.get_asgi()

driver = nonebot.get_driver()
driver.register_adapter(ONEBOT_V11Adapter)

if __name__ == "__mp_main__" or ("run" in sys.argv and "nb" in sys.argv[0]):
    nonebot.load_from_toml("pyproject.toml")

if __name__ == "__main__":
    nonebot.run(app="__mp_main__:app")

"""MQTT listener (reproduction, see wws_realTime.py)."""
import asyncio
import json

from .wws_realTime import send_realTime_message


async def mqtt_run():
    data = json.loads('{"infoList": []}')
    await send_realTime_message(data)
    await asyncio.sleep(0)

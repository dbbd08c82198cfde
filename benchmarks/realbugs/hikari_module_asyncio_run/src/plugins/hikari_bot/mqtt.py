"""MQTT subscription of the stats bot (reproduction, see wws_realTime.py).

paho's network loop runs in its own thread; each message is handled with asyncio.run there.
"""
import asyncio
import gzip
import io
import json
from threading import Thread

import paho.mqtt.client as mqtt

from .wws_realTime import send_realTime_message

client = None


async def select_mqtt_fuction(json_msg):
    await send_realTime_message(json_msg)


def on_message(client, userdata, msg):
    data = gzip.GzipFile(fileobj=io.BytesIO(msg.payload)).read()
    asyncio.run(select_mqtt_fuction(json.loads(data)))


def mqtt_subscribe():
    client.loop_forever()


def mqtt_run(qq_id):
    global client
    client = mqtt.Client(f"yuyuko_Hikari_{qq_id}")
    client.on_message = on_message
    client.connect(host="mq.wows.shinoaki.com", port=1883, keepalive=60)
    client.subscribe(f"wows/bot/poll/real/{qq_id}", qos=2)
    Thread(target=mqtt_subscribe).start()

"""Connection to the MQTT broker."""
import asyncio

import aiomqtt

from cnf.config import Config


class Mqtt:
    def __init__(self, on_connected):
        self.on_connected = on_connected
        self._client = None
        self.task = asyncio.get_event_loop().create_task(self._run())

    async def publish(self, topic: str, payload) -> None:
        if self._client:
            await self._client.publish(topic, payload)

    async def _run(self) -> None:
        cnf = Config.get('mqtt')
        while True:
            try:
                async with aiomqtt.Client(hostname=cnf['host'], port=cnf['port']) as client:
                    self._client = client
                    await self.on_connected()
                    async for _ in client.messages:
                        pass
            except aiomqtt.MqttError:
                self._client = None
                await asyncio.sleep(5)

    async def close(self) -> None:
        self.task.cancel()
        try:
            await self.task
        except asyncio.CancelledError:
            pass

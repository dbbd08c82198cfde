"""Main API for Zaptec.

Reproduction of the shape fixed in https://github.com/custom-components/zaptec/issues/116 (commit
561f1f2e1110ede5080be750387b6b318db06ea3, "Fix blocking IO issue by using SSL context provided by HA,
#116 (#149)"): Installation.stream starts the coroutine _stream as a task; it builds the Azure
Service Bus client with ServiceBusClient.from_connection_string(conn_str=constr) and no SSL context,
so entering `async with receiver:` makes the library's AMQP transport (azure/ is a stand-in) create one
and load the CA bundle with load_verify_locations on the event loop ("Detected blocking call to
load_verify_locations ... at custom_components/zaptec/api.py, line 321: async with receiver:"). The fix
passed Home Assistant's prebuilt context (homeassistant.util.ssl.get_default_context) down to
from_connection_string; the line it changed and the `async with receiver:` line are marked.
"""
from __future__ import annotations

import asyncio
import json
import logging

import aiohttp

_LOGGER = logging.getLogger(__name__)

BASE_URL = "https://api.zaptec.com/api/"


class RequestError(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class Installation:
    """One installation; its live updates arrive over Azure Service Bus."""

    def __init__(self, data: dict, account: Account):
        self.id = data["Id"]
        self.attrs = dict(data)
        self.account = account
        self.stream_task: asyncio.Task | None = None
        self.receiver = None

    async def stream(self, cb=None) -> asyncio.Task | None:
        """Start listening in the background (falls back to polling without the library)."""
        try:
            import azure.servicebus.aio  # noqa: F401
        except ImportError:
            return None
        await self.cancel_stream()
        self.stream_task = asyncio.create_task(self._stream(cb))
        return self.stream_task

    async def _stream(self, cb=None) -> None:
        from azure.servicebus.aio import ServiceBusClient

        try:
            details = await self.account.get(f"installation/{self.id}/messagingConnectionDetails")
        except RequestError as err:
            _LOGGER.warning("no live stream for %s: %s", self.id, err)
            return
        constr = (
            f"Endpoint=sb://{details['Host']}/;"
            f"SharedAccessKeyName={details['Username']};SharedAccessKey={details['Password']}"
        )
        try:
            servicebus_client = ServiceBusClient.from_connection_string(conn_str=constr)  # bug
            async with servicebus_client:
                receiver = servicebus_client.get_subscription_receiver(
                    topic_name=details["Topic"], subscription_name=details["Subscription"]
                )
                self.receiver = receiver
                async with receiver:  # bug
                    async for msg in receiver:
                        update = json.loads(b"".join(msg.body))
                        self.account.apply(update)
                        if cb:
                            await cb(update)
                        await receiver.complete_message(msg)
        except Exception:  # noqa: BLE001
            _LOGGER.exception("stream of %s stopped", self.id)
        finally:
            self.receiver = None

    async def cancel_stream(self) -> None:
        if self.receiver is not None:
            await self.receiver.close()
        if self.stream_task is not None:
            self.stream_task.cancel()
            self.stream_task = None


class Account:
    def __init__(self, username: str, password: str, client: aiohttp.ClientSession):
        self.auth = aiohttp.BasicAuth(username, password)
        self.client = client
        self.installations: dict[str, Installation] = {}

    async def get(self, path: str):
        async with self.client.get(BASE_URL + path, auth=self.auth) as resp:
            if resp.status != 200:
                raise RequestError(f"GET {path} failed", resp.status)
            return await resp.json()

    async def build(self) -> None:
        listing = await self.get("installation")
        self.installations = {d["Id"]: Installation(d, self) for d in listing["Data"]}

    def apply(self, update: dict) -> None:
        target = self.installations.get(update.get("InstallationId"))
        if target is not None:
            target.attrs.update(update)

    async def refresh(self) -> None:
        for inst in self.installations.values():
            inst.attrs.update(await self.get(f"installation/{inst.id}"))

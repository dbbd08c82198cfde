"""Stand-in for pytboss.wss: an aiohttp websocket transport."""
from .transport import Transport


class WebSocketConnection(Transport):
    def __init__(self, device_id, session, loop=None):
        self._device_id = device_id
        self._session = session
        self._ws = None

    async def send_command(self, command: str, params: dict) -> dict:
        if self._ws is None:
            self._ws = await self._session.ws_connect(f"wss://socket.dansonscorp.com/to/{self._device_id}")
        await self._ws.send_json({"command": command, "params": params})
        return await self._ws.receive_json()

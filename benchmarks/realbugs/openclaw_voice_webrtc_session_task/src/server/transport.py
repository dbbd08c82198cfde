"""WebRTC transport: an aiortc peer connection with a data channel for events."""
import asyncio
import secrets

from aiortc import RTCPeerConnection, RTCSessionDescription


class WebRTCTransport:
    def __init__(self) -> None:
        self._session_id = secrets.token_hex(8)
        self._pc = RTCPeerConnection()
        self._channel = None
        self._connected = asyncio.Event()
        self._closed = asyncio.Event()

        @self._pc.on("datachannel")
        def on_datachannel(channel) -> None:
            self._channel = channel
            self._connected.set()
            channel.on("close", self._closed.set)

    async def handle_offer(self, sdp: str) -> dict:
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        answer = await self._pc.createAnswer()
        await self._pc.setLocalDescription(answer)
        return {"sdp": self._pc.localDescription.sdp, "type": "answer", "session_id": self._session_id}

    async def wait_connected(self) -> None:
        await self._connected.wait()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    async def send_json(self, data: dict) -> None:
        if self._channel is not None:
            self._channel.send(str(data))

    async def close(self) -> None:
        self._closed.set()
        await self._pc.close()

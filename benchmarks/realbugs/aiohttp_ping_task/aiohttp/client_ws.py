"""WebSocket client for asyncio.

Reproduction of the shape reported in https://github.com/aio-libs/aiohttp/issues/8614 ("Risk of
websocket ping tasks being garbage collected before they finish") and fixed by
https://github.com/aio-libs/aiohttp/pull/8641: the heartbeat callback _send_heartbeat (sync, run by
loop.call_at) of both the client and the server WebSocket response fired
loop.create_task(self._writer.ping()) and dropped the task (the line carried
`# type: ignore[unused-awaitable]`); loop is the event loop given to __init__ (annotated
asyncio.AbstractEventLoop) and _writer a WebSocketWriter of another module whose ping is async.
The fix kept the task in self._ping_task until done.
"""

import asyncio
from typing import Optional

from .helpers import calculate_timeout_when
from .http_websocket import WebSocketWriter


class ClientWebSocketResponse:
    def __init__(
        self,
        writer: WebSocketWriter,
        protocol: Optional[str],
        response: object,
        autoclose: bool,
        autoping: bool,
        loop: asyncio.AbstractEventLoop,
        *,
        heartbeat: Optional[float] = None,
    ) -> None:
        self._response = response
        self._conn = getattr(response, "connection", None)

        self._writer = writer
        self._protocol = protocol
        self._closed = False
        self._autoclose = autoclose
        self._autoping = autoping
        self._heartbeat = heartbeat
        self._heartbeat_cb: Optional[asyncio.TimerHandle] = None
        self._heartbeat_when: float = 0.0
        if heartbeat is not None:
            self._pong_heartbeat = heartbeat / 2.0
        self._pong_response_cb: Optional[asyncio.TimerHandle] = None
        self._loop = loop

        self._reset_heartbeat()

    def _cancel_heartbeat(self) -> None:
        self._cancel_pong_response_cb()
        if self._heartbeat_cb is not None:
            self._heartbeat_cb.cancel()
            self._heartbeat_cb = None

    def _cancel_pong_response_cb(self) -> None:
        if self._pong_response_cb is not None:
            self._pong_response_cb.cancel()
            self._pong_response_cb = None

    def _reset_heartbeat(self) -> None:
        if self._heartbeat is None:
            return
        self._cancel_pong_response_cb()
        loop = self._loop
        assert loop is not None
        conn = self._conn
        timeout_ceil_threshold = (
            conn._connector._timeout_ceil_threshold if conn is not None else 5
        )
        now = loop.time()
        when = calculate_timeout_when(now, self._heartbeat, timeout_ceil_threshold)
        self._heartbeat_when = when
        if self._heartbeat_cb is None:
            self._heartbeat_cb = loop.call_at(when, self._send_heartbeat)

    def _send_heartbeat(self) -> None:
        self._heartbeat_cb = None
        loop = self._loop
        now = loop.time()
        if now < self._heartbeat_when:
            # Heartbeat fired too early, reschedule
            self._heartbeat_cb = loop.call_at(
                self._heartbeat_when, self._send_heartbeat
            )
            return

        # fire-and-forget a task is not perfect but maybe ok for
        # sending ping. Otherwise we need a long-living heartbeat
        # task in the class.
        loop.create_task(self._writer.ping())  # type: ignore[unused-awaitable]  # bug

        conn = self._conn
        timeout_ceil_threshold = (
            conn._connector._timeout_ceil_threshold if conn is not None else 5
        )
        when = calculate_timeout_when(now, self._pong_heartbeat, timeout_ceil_threshold)
        self._cancel_pong_response_cb()
        self._pong_response_cb = loop.call_at(when, self._pong_not_received)

    def _pong_not_received(self) -> None:
        if not self._closed:
            self._closed = True
            self._cancel_heartbeat()

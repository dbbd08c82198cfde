import asyncio
from typing import Iterable, Optional

from .helpers import calculate_timeout_when
from .http import WebSocketWriter
from .web_response import StreamResponse

__all__ = ("WebSocketResponse",)


class WebSocketResponse(StreamResponse):
    __slots__ = (
        "_protocols",
        "_writer",
        "_closed",
        "_loop",
        "_heartbeat",
        "_heartbeat_when",
        "_heartbeat_cb",
        "_pong_heartbeat",
        "_pong_response_cb",
    )

    def __init__(
        self,
        *,
        heartbeat: Optional[float] = None,
        protocols: Iterable[str] = (),
    ) -> None:
        super().__init__(status=101)
        self._protocols = protocols
        self._writer: Optional[WebSocketWriter] = None
        self._closed = False
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._heartbeat = heartbeat
        self._heartbeat_when = 0.0
        self._heartbeat_cb: Optional[asyncio.TimerHandle] = None
        if heartbeat is not None:
            self._pong_heartbeat = heartbeat / 2.0
        self._pong_response_cb: Optional[asyncio.TimerHandle] = None

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
        req = self._req
        timeout_ceil_threshold = (
            req._protocol._timeout_ceil_threshold if req is not None else 5
        )
        loop = self._loop
        assert loop is not None
        now = loop.time()
        when = calculate_timeout_when(now, self._heartbeat, timeout_ceil_threshold)
        self._heartbeat_when = when
        if self._heartbeat_cb is None:
            self._heartbeat_cb = loop.call_at(when, self._send_heartbeat)

    def _send_heartbeat(self) -> None:
        self._heartbeat_cb = None
        loop = self._loop
        assert loop is not None and self._writer is not None
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

        req = self._req
        timeout_ceil_threshold = (
            req._protocol._timeout_ceil_threshold if req is not None else 5
        )
        when = calculate_timeout_when(now, self._pong_heartbeat, timeout_ceil_threshold)
        self._cancel_pong_response_cb()
        self._pong_response_cb = loop.call_at(when, self._pong_not_received)

    def _pong_not_received(self) -> None:
        if self._req is not None:
            self._closed = True
            self._cancel_heartbeat()

"""Asyncio IMAP client: a protocol object parses the server's lines.

Reproduction of the shape fixed in https://github.com/iroco-co/aioimaplib/pull/96 ("Make sure
Futures are cleaned up correctly", reported from Home Assistant's imap integration as "Task was
destroyed but it is pending"): the sync line handler of the asyncio.Protocol scheduled the async
welcome (wrapped by the module's change_state decorator) with `asyncio.ensure_future(...)` as a
statement, and idle_start scheduled stop_wait_server_push from a call_later lambda the same way;
nothing kept the tasks. The fix kept them in a set until done.
"""

import asyncio
import functools
import logging
from asyncio import BaseTransport, Future
from typing import Any, Callable, Coroutine, Optional

log = logging.getLogger(__name__)

STARTED, CONNECTED, NONAUTH, AUTH = "STARTED", "CONNECTED", "NONAUTH", "AUTH"
TWENTY_NINE_MINUTES = 1740.0
STOP_WAIT_SERVER_PUSH = "stop_wait_server_push"


def change_state(coro: Callable[..., Coroutine[Any, Any, Optional[object]]]):
    @functools.wraps(coro)
    async def wrapper(self, *args, **kargs):
        async with self.state_condition:
            res = await coro(self, *args, **kargs)
            log.debug('state -> %s' % self.state)
            self.state_condition.notify_all()
            return res

    return wrapper


class IMAP4ClientProtocol(asyncio.Protocol):
    def __init__(self, loop: Optional[asyncio.AbstractEventLoop], conn_lost_cb=None):
        self.loop = loop
        self.transport = None
        self.state = STARTED
        self.state_condition = asyncio.Condition()
        self.idle_queue = asyncio.Queue()
        self.pending_idle = False
        self.conn_lost_cb = conn_lost_cb

    def connection_made(self, transport: BaseTransport) -> None:
        self.transport = transport
        self.state = CONNECTED

    def data_received(self, d: bytes) -> None:
        for line in d.split(b'\r\n'):
            self._handle_line(line)

    def _handle_line(self, line: bytes) -> None:
        if not line:
            return

        if self.state == CONNECTED:
            asyncio.ensure_future(self.welcome(line))  # bug
        elif line.startswith(b'*'):
            log.debug('untagged %s' % line)
        else:
            log.info('unknown data received %s' % line)

    @change_state
    async def welcome(self, command: bytes) -> None:
        if b'PREAUTH' in command:
            self.state = AUTH
        elif b'OK' in command:
            self.state = NONAUTH
        else:
            raise RuntimeError(command.decode())
        await self.capability()

    async def capability(self) -> None:
        await asyncio.sleep(0)

    def has_pending_idle_command(self) -> bool:
        return self.pending_idle

    async def wait_for_idle_response(self) -> None:
        await asyncio.sleep(0)


class IMAP4(object):
    def __init__(self, protocol: IMAP4ClientProtocol):
        self.protocol = protocol
        self._idle_waiter = None

    async def idle(self) -> None:
        self.protocol.pending_idle = True
        await self.protocol.idle_queue.get()

    async def stop_wait_server_push(self) -> bool:
        if self.protocol.has_pending_idle_command():
            await self.protocol.idle_queue.put(STOP_WAIT_SERVER_PUSH)
            return True
        return False

    async def idle_start(self, timeout: float = TWENTY_NINE_MINUTES) -> Future:
        if self._idle_waiter is not None:
            self._idle_waiter.cancel()
        idle = asyncio.ensure_future(self.idle())
        wait_for_ack = asyncio.ensure_future(self.protocol.wait_for_idle_response())
        await asyncio.wait({idle, wait_for_ack}, return_when=asyncio.FIRST_COMPLETED)

        self._idle_waiter = self.protocol.loop.call_later(timeout, lambda: asyncio.ensure_future(self.stop_wait_server_push()))  # bug
        return idle

"""asyncio connection of an i3/sway window manager IPC library.

Reproduction of the shape fixed in https://github.com/altdesktop/i3ipc-python/pull/184 (commit
a4f94b2, "aio: keep references on tasks created by ensure_future"): the sync methods of the asyncio
connection schedule coroutines with asyncio.ensure_future and drop the task; the loop keeps only a
weak reference, so an event handler's task was sometimes destroyed while pending ("Task was
destroyed but it is pending!"). The fix added a module-level set and a small ensure_future wrapper
that holds each task until it is done.
"""
import asyncio
import json
import logging
import os
import socket
import struct
from asyncio import Future
from typing import Callable, Optional

from .._private import PubSub

_MAGIC = b'i3-ipc'
_struct_header = f'={len(_MAGIC)}sII'
_struct_header_size = struct.calcsize(_struct_header)

logger = logging.getLogger(__name__)


def _unpack_header(data: bytes):
    return struct.unpack(_struct_header, data[:_struct_header_size])


def _pack(msg_type: int, payload: str) -> bytes:
    pb = payload.encode()
    return struct.pack(_struct_header, _MAGIC, len(pb), msg_type) + pb


class _AIOPubSub(PubSub):
    def queue_handler(self, handler, data=None):
        conn = self.conn

        async def handler_coroutine():
            try:
                if asyncio.iscoroutinefunction(handler):
                    await handler(conn, data)
                else:
                    handler(conn, data)
            except Exception as e:
                conn.main_quit(_error=e)

        asyncio.ensure_future(handler_coroutine())  # bug

    def emit(self, event, data):
        for s in self._subscriptions:
            if s['event'] == event:
                self.queue_handler(s['handler'], data)


class Connection:
    def __init__(self, socket_path: Optional[str] = None, auto_reconnect: bool = False):
        self._socket_path = socket_path or os.environ.get('I3SOCK')
        self._auto_reconnect = auto_reconnect
        self._pubsub = _AIOPubSub(self)
        self._subscriptions = set()
        self._loop = None
        self._sub_socket = None
        self._cmd_socket = None
        self._sub_fd = None
        self._reconnect_future = None
        self._main_future = None

    def _message_reader(self):
        try:
            self._read_message()
        except Exception as e:
            self.main_quit(_error=e)

    def _read_message(self):
        error = None
        buf = b''
        try:
            buf = self._sub_socket.recv(_struct_header_size)
        except ConnectionError as e:
            error = e

        if not buf or error is not None:
            self._loop.remove_reader(self._sub_fd)
            if self._auto_reconnect:
                logger.info('could not read message, reconnecting', exc_info=error)
                asyncio.ensure_future(self._reconnect())  # bug
            else:
                if error is not None:
                    raise error
                raise EOFError()
            return

        magic, message_length, event_type = _unpack_header(buf)
        message = json.loads(self._sub_socket.recv(message_length))
        if event_type & (1 << 31):
            self._pubsub.emit(message.get('change', 'event'), message)

    async def connect(self) -> 'Connection':
        self._cmd_socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._cmd_socket.connect(self._socket_path)  # also
        self._sub_socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sub_socket.connect(self._socket_path)  # also
        self._loop = asyncio.get_event_loop()  # also
        self._sub_fd = self._sub_socket.fileno()
        self._loop.add_reader(self._sub_fd, self._message_reader)
        await self.subscribe(list(self._subscriptions), force=True)
        return self

    def _reconnect(self) -> Future:
        if self._reconnect_future is not None:
            return self._reconnect_future

        self._reconnect_future = self._loop.create_future()

        async def do_reconnect():
            error = None
            for tries in range(0, 1000):
                try:
                    await self.connect()
                    error = None
                    break
                except Exception as e:
                    error = e
                    await asyncio.sleep(0.001)

            if error:
                self._reconnect_future.set_exception(error)
            else:
                self._reconnect_future.set_result(None)
            self._reconnect_future = None

        asyncio.ensure_future(do_reconnect())  # bug

        return self._reconnect_future

    async def subscribe(self, events, force: bool = False):
        if not events:
            return
        self._subscriptions.update(events)
        await self._loop.sock_sendall(self._sub_socket, _pack(2, json.dumps(list(events))))

    def on(self, event: str, handler: Callable):
        event = event.replace('-', '_')
        base_event = event.split('::')[0]
        logger.info('adding event handler: event=%s, handler=%s', event, handler)
        self._pubsub.subscribe(event, handler)
        asyncio.ensure_future(self.subscribe([base_event]))  # bug

    def off(self, handler: Callable):
        self._pubsub.unsubscribe(handler)

    def main_quit(self, _error=None):
        if not self._main_future:
            return
        if _error:
            self._main_future.set_exception(_error)
        else:
            self._main_future.set_result(None)
        self._main_future = None

    async def main(self):
        self._main_future = self._loop.create_future()
        await self._main_future

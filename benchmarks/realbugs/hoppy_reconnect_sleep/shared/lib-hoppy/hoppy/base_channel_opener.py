"""Connection handling of an asyncio RabbitMQ client library built on pika.

Reproduction of the shape fixed in
https://github.com/department-of-veterans-affairs/abd-vro/pull/2484 (commit 9dce49c, "Fixed bug
using time.sleep() with asyncio"): pika's AsyncioConnection runs its open-error and close callbacks
on the event loop; both lead to the sync _reconnect, which slept with time.sleep before
reconnecting, stalling every coroutine of the service. The fix scheduled the reconnect with
loop.call_later. (The project's two declarer layers between this class and the queue client are
one layer here.)
"""
import logging
import time
from abc import ABC, abstractmethod

from pika import ConnectionParameters, PlainCredentials
from pika.adapters.asyncio_connection import AsyncioConnection

from hoppy.config import RABBITMQ_CONFIG


class BaseChannelOpener(ABC):
    def __init__(self, config: dict | None = None):
        self.config = {**RABBITMQ_CONFIG, **(config or {})}
        credentials = PlainCredentials(self.config["username"], self.config["password"])
        self.connection_parameters = ConnectionParameters(
            host=self.config["host"], port=self.config["port"], credentials=credentials
        )
        self._connection = None
        self._channel = None
        self._max_reconnect_delay = self.config.get("max_reconnect_delay", 30)
        self._reconnect_delay = self.config.get("initial_reconnect_delay", 0)
        self._custom_loop = None

    def connect(self, loop=None):
        self._custom_loop = loop
        logging.info("event=connectingToRabbitMq")
        self._connection = AsyncioConnection(
            parameters=self.connection_parameters,
            on_open_callback=self._on_connection_open,
            on_open_error_callback=self._on_connection_open_error,
            on_close_callback=self._on_connection_closed,
            custom_ioloop=loop)
        return self._connection

    def _on_connection_open(self, connection):
        self._connection = connection
        self._reconnect_delay = self.config.get("initial_reconnect_delay", 0)
        self._connection.channel(on_open_callback=self._on_channel_open)

    def _on_connection_open_error(self, _unused_connection, err):
        logging.error("event=failedToOpenConnection err=%r", err)
        self._reconnect()

    @abstractmethod
    def _on_connection_closed(self, _unused_connection, reason):
        pass

    @abstractmethod
    def stop(self):
        pass

    def _reconnect(self):
        self.stop()
        reconnect_delay = self._get_reconnect_delay()
        logging.warning("event=reconnecting reconnect_delay_seconds=%s", reconnect_delay)
        time.sleep(reconnect_delay)  # bug
        self.connect(self._custom_loop)

    def _get_reconnect_delay(self):
        self._reconnect_delay = min(self._reconnect_delay + 1, self._max_reconnect_delay)
        return self._reconnect_delay

    def _on_channel_open(self, channel):
        self._channel = channel
        self._channel.add_on_close_callback(self._on_channel_closed)

    def _on_channel_closed(self, channel, reason):
        logging.warning("event=closedChannel reason=%s", reason)
        if self._connection is not None and not self._connection.is_closing and not self._connection.is_closed:
            self._connection.close()

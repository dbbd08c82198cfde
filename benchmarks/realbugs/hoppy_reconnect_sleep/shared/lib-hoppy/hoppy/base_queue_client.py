"""Queue client base of an asyncio RabbitMQ client library (reproduction, see base_channel_opener.py)."""
import logging
from abc import abstractmethod

from hoppy.base_channel_opener import BaseChannelOpener


class BaseQueueClient(BaseChannelOpener):
    def __init__(self, config: dict | None = None):
        super().__init__(config)
        self._is_ready = False
        self._stopping = False
        self._stopped = False

    @property
    def is_ready(self) -> bool:
        return self._is_ready

    @abstractmethod
    def _shut_down(self):
        pass

    def stop(self):
        if not self._stopping:
            self._stopping = True
            self._shut_down()

    def _on_connection_closed(self, _unused_connection, reason):
        self._channel = None
        if self._stopping:
            if not self._custom_loop:
                self._connection.ioloop.stop()
            self._stopped = True
        else:
            logging.warning("event=connectionClosedUnexpectedly reason=%s", reason)
            self._reconnect()

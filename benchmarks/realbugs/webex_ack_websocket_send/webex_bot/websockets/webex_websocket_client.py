"""Websocket client of a Webex Teams bot.

Reproduction of the shape reported in https://github.com/fbradyirl/webex_bot/issues/6 ("RuntimeWarning:
coroutine 'WebSocketCommonProtocol.send' was never awaited ... self.websocket.send(json.dumps(
ack_message))") and fixed in commit c1bb912 (released in 0.2.20): the sync _ack_message calls the
websocket's async send without awaiting it. The websocket is the connection opened by the nested
_connect_and_listen coroutine; _ack_message runs on the default executor's thread, handed there by
the receive coroutine.
"""
import asyncio
import json
import logging
import uuid

import requests
import websockets

DEFAULT_DEVICE_URL = "https://wdm.example.com/wdm/api/v1"


class WebexWebsocketClient(object):
    def __init__(self, access_token, device_url=DEFAULT_DEVICE_URL, on_message=None):
        self.access_token = access_token
        self.device_url = device_url
        self.device_info = None
        self.on_message = on_message
        self.websocket = None

    def _process_incoming_websocket_message(self, msg):
        if msg['data']['eventType'] == 'conversation.activity':
            activity = msg['data']['activity']
            if activity['verb'] == 'post':
                message_id = activity['id']
                if self.on_message:
                    # ack first, then hand the message to the bot's handler
                    self._ack_message(message_id)
                    self.on_message(activity=activity)

    def _ack_message(self, message_id):
        """Ack that this message has been processed so it is not delivered again."""
        ack_message = {'type': 'ack', 'messageId': message_id}
        self.websocket.send(json.dumps(ack_message))  # bug
        logging.info("WebSocket ack message with id=%s. Complete.", message_id)

    def _get_device_info(self):
        headers = {"Authorization": f"Bearer {self.access_token}"}
        self.device_info = requests.get(f"{self.device_url}/devices", headers=headers, timeout=10).json()
        return self.device_info

    def run(self):
        if self.device_info is None:
            self._get_device_info()

        async def _websocket_recv():
            message = await self.websocket.recv()
            try:
                msg = json.loads(message)
                loop = asyncio.get_event_loop()  # also
                loop.run_in_executor(None, self._process_incoming_websocket_message, msg)  # also
            except Exception as exc:
                logging.warning("An exception occurred while processing message. Ignoring. %s", exc)

        async def _connect_and_listen():
            ws_url = self.device_info['webSocketUrl']
            async with websockets.connect(ws_url) as _websocket:
                self.websocket = _websocket
                msg = {'id': str(uuid.uuid4()),
                       'type': 'authorization',
                       'data': {'token': 'Bearer ' + self.access_token}}
                await self.websocket.send(json.dumps(msg))

                while True:
                    await _websocket_recv()

        asyncio.get_event_loop().run_until_complete(_connect_and_listen())

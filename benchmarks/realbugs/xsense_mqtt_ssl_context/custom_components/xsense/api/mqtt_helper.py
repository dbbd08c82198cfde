"""MQTT-over-websocket helper of an X-Sense API client (paho-mqtt).

Reproduction of the shape fixed in https://github.com/Jarnsen/ha-xsense-component_test/issues/171
(pull request #172, commit 752589b, "Fix MQTT certificate loading on HA event loop"): each House
builds its MQTTHelper in its constructor, and the helper's constructor created the TLS context with
ssl.create_default_context(), which loads the system CA store from disk; the houses are built by
the async load_all on Home Assistant's loop, which warned about load_default_certs and
set_default_verify_paths. The fix deferred the context to a method run in the executor.
"""
from __future__ import annotations

import ssl
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from paho.mqtt import client as mqtt_client

from .aws_signer import AWSSigner

if TYPE_CHECKING:
    from .house import House

URL_MAX_AGE = 5
USERNAME = "?SDK=iOS&Version=2.26.5"


class MQTTHelper:
    def _get_path(self):
        if not self._mqtt_path or not self._sig_age or datetime.now() - self._sig_age > timedelta(minutes=URL_MAX_AGE):
            signed = self.signer.presign_url(f"wss://{self.house.mqtt_server}/mqtt", self.house.mqtt_region)
            self._mqtt_path = "/" + "/".join(signed.split("/")[3:])
            self._sig_age = datetime.now()
        return self._mqtt_path

    def __init__(self, signer: AWSSigner, house: House):
        self.signer = signer
        self.house = house
        self.active = False
        self._mqtt_path = None
        self._sig_age = None

        self.client = mqtt_client.Client(client_id=str(uuid.uuid4()), reconnect_on_failure=False, transport="websockets")
        self.client.username_pw_set(USERNAME, "")
        ssl_context = ssl.create_default_context()  # bug
        self.client.tls_set_context(ssl_context)

    def prepare_connect(self):
        self.client.ws_set_options(path=self._get_path())

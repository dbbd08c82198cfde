"""MQTT connector of the Valetudo Vacuum Camera.

Reproduction of the shape fixed in https://github.com/sca075/mqtt_vacuum_camera/issues/135 (PR #134,
commit 24d7a82a972c32cb76d700e6bb6e3cb0681a9b98, "connector.py added await for errors"): the async
MQTT handler hypfer_handle_errors (awaited by async_message_received, the callback given to
mqtt.async_subscribe) stores `self.async_decode_mqtt_payload(msg)` (an async staticmethod of the same
class) without await, so the vacuum's error is a coroutine object never awaited. The fix added the
await.
"""
import logging

from homeassistant.components import mqtt

_LOGGER = logging.getLogger(__name__)
_QOS = 0


class ValetudoConnector:
    """Valetudo Camera MQTT Connector."""

    def __init__(self, mqtt_topic, hass, camera_shared):
        self._hass = hass
        self._mqtt_topic = mqtt_topic
        self._unsubscribe_handlers = []
        self._rcv_topic = None
        self._payload = None
        self._mqtt_vac_stat = ""
        self._mqtt_vac_connect_state = "disconnected"
        self._mqtt_vac_battery_level = None
        self._mqtt_vac_err = None
        self._file_name = camera_shared.file_name

    async def get_vacuum_error(self) -> str:
        return self._mqtt_vac_err

    async def hypfer_handle_status_payload(self, msg) -> None:
        self._payload = await self.async_decode_mqtt_payload(msg)
        if self._payload:
            self._mqtt_vac_stat = self._payload
            _LOGGER.info(f"{self._file_name}: Received vacuum {self._mqtt_vac_stat} status.")

    async def hypfer_handle_errors(self, msg) -> None:
        """/StatusStateAttribute/error_description is for Hypfer."""
        self._payload = self.async_decode_mqtt_payload(msg)  # bug
        self._mqtt_vac_err = self._payload
        _LOGGER.info(f"{self._mqtt_topic}: Received vacuum Error: {self._mqtt_vac_err}")

    async def hypfer_handle_battery_level(self, msg) -> None:
        self._payload = await self.async_decode_mqtt_payload(msg)
        if self._payload:
            self._mqtt_vac_battery_level = int(self._payload)

    async def async_message_received(self, msg) -> None:
        self._rcv_topic = msg.topic
        if self._rcv_topic == f"{self._mqtt_topic}/StatusStateAttribute/status":
            await self.hypfer_handle_status_payload(msg)
        elif self._rcv_topic == f"{self._mqtt_topic}/StatusStateAttribute/error_description":
            await self.hypfer_handle_errors(msg)
        elif self._rcv_topic == f"{self._mqtt_topic}/BatteryStateAttribute/level":
            await self.hypfer_handle_battery_level(msg)

    async def async_subscribe_to_topics(self) -> None:
        if self._mqtt_topic:
            for x in [
                f"{self._mqtt_topic}/StatusStateAttribute/status",
                f"{self._mqtt_topic}/StatusStateAttribute/error_description",
                f"{self._mqtt_topic}/BatteryStateAttribute/level",
            ]:
                self._unsubscribe_handlers.append(
                    await mqtt.async_subscribe(self._hass, x, self.async_message_received, _QOS, encoding=None)
                )

    @staticmethod
    async def async_decode_mqtt_payload(msg):
        """Check if we need to decode or not the payload."""
        if isinstance(msg.payload, bytes):
            return msg.payload.decode("utf-8")
        return msg.payload

"""Camera entity (reproduction, see valetudo/MQTT/connector.py)."""
from homeassistant.components.camera import Camera

from .valetudo.MQTT.connector import ValetudoConnector


class ValetudoCamera(Camera):
    def __init__(self, hass, device_info, camera_shared):
        super().__init__()
        self.hass = hass
        self._mqtt_listen_topic = device_info["vacuum_topic"]
        self._mqtt = ValetudoConnector(self._mqtt_listen_topic, self.hass, camera_shared)

    async def async_added_to_hass(self) -> None:
        await self._mqtt.async_subscribe_to_topics()

    async def async_update(self):
        self._attr_extra_state_attributes = {"vacuum_error": await self._mqtt.get_vacuum_error()}

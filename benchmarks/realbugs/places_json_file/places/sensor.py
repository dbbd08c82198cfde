"""Places sensor: restores its attributes from a JSON file kept per sensor.

Reproduction of the shape reported in https://github.com/custom-components/places/issues/280
(fixed in https://github.com/custom-components/places/pull/281): async_setup_entry builds the
sensor inside the list handed to async_add_entities; the sensor's __init__ calls a method of the
same class that opens the JSON file, on the event loop.
"""

import json
import os

from homeassistant.components.sensor import SensorEntity

DOMAIN = "places"
PLACES_JSON_FOLDER = ""


async def async_setup_entry(hass, config_entry, async_add_entities) -> None:
    global PLACES_JSON_FOLDER
    PLACES_JSON_FOLDER = hass.config.path("custom_components", DOMAIN, "json_sensors")
    config = hass.data.get(DOMAIN).get(config_entry.entry_id)
    async_add_entities(
        [Places(hass, config, config_entry, config["name"], config_entry.entry_id)],  # bug
        update_before_add=True,
    )


class Places(SensorEntity):
    def __init__(self, hass, config, config_entry, name, unique_id):
        self._hass = hass
        self._attr_name = name
        self._attr_unique_id = unique_id
        self._json_filename = f"{DOMAIN}-{unique_id}.json"
        self._internal_attr = {}
        sensor_attributes = self.get_dict_from_json_file()
        self.import_attributes_from_json(sensor_attributes)

    def get_dict_from_json_file(self):
        try:
            with open(os.path.join(PLACES_JSON_FOLDER, self._json_filename)) as jsonfile:
                return json.load(jsonfile)
        except OSError:
            return {}

    def import_attributes_from_json(self, json_attr):
        self._internal_attr.update(json_attr or {})

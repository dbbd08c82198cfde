"""Virtual configuration (reproduction, see __init__.py): the group's meta data is read and written
with open() under a threading lock, the user's device file with Home Assistant's load_yaml."""
import json
import logging
import threading

from homeassistant.util.yaml import load_yaml

from .const import ATTR_DEVICES, ATTR_FILE_NAME, ATTR_GROUP_NAME, ATTR_UNIQUE_ID, ATTR_VERSION, default_meta_file

_LOGGER = logging.getLogger(__name__)

DB_LOCK = threading.Lock()


def _load_meta_data(hass, group_name: str):
    devices = {}
    with DB_LOCK:
        try:
            with open(default_meta_file(hass), "r") as meta_file:
                devices = json.load(meta_file).get(ATTR_DEVICES, {})
        except Exception as e:
            _LOGGER.debug(f"no meta data yet {str(e)}")
    return devices.get(group_name, {})


def _save_meta_data(hass, group_name, meta_data):
    with DB_LOCK:
        devices = {}
        try:
            with open(default_meta_file(hass), "r") as meta_file:
                devices = json.load(meta_file).get(ATTR_DEVICES, {})
        except Exception as e:
            _LOGGER.debug(f"no meta data yet {str(e)}")
        devices.update({group_name: meta_data})
        try:
            with open(default_meta_file(hass), "w") as meta_file:
                json.dump({ATTR_VERSION: 1, ATTR_DEVICES: devices}, meta_file, indent=4)
        except Exception as e:
            _LOGGER.debug(f"couldn't save meta data {str(e)}")


def _delete_meta_data(hass, group_name):
    with DB_LOCK:
        devices = {}
        try:
            with open(default_meta_file(hass), "r") as meta_file:
                devices = json.load(meta_file).get(ATTR_DEVICES, {})
        except Exception as e:
            _LOGGER.debug(f"no meta data yet {str(e)}")
        devices.pop(group_name)
        try:
            with open(default_meta_file(hass), "w") as meta_file:
                json.dump({ATTR_VERSION: 1, ATTR_DEVICES: devices}, meta_file, indent=4)
        except Exception as e:
            _LOGGER.error(f"couldn't save meta data {str(e)}")


def _load_user_data(file_name):
    entities = {}
    try:
        entities = load_yaml(file_name).get(ATTR_DEVICES, [])
    except Exception as e:
        _LOGGER.error(f"failed to read virtual file {str(e)}")
    return entities


class BlendedCfg(object):
    """Helper class to get at Virtual configuration options."""

    def __init__(self, hass, flow_data):
        self._hass = hass
        self._group_name = flow_data[ATTR_GROUP_NAME]
        self._file_name = flow_data[ATTR_FILE_NAME]
        self._changed: bool = False
        self._meta_data = {}
        self._devices = []
        self._entities = {}

    def _load_meta_data(self):
        return _load_meta_data(self._hass, self._group_name)

    def _save_meta_data(self):
        _save_meta_data(self._hass, self._group_name, self._meta_data)
        self._changed = False

    def _load_user_data(self):
        return _load_user_data(self._file_name)

    def load(self):
        meta_data = self._load_meta_data()
        devices = self._load_user_data()
        for device_name, entities in devices.items():
            self._devices.append({"device_id": device_name, "name": device_name})
            for entity in entities:
                name = entity.get("name", device_name)
                unique_id = meta_data.get(name, {}).get(ATTR_UNIQUE_ID, None)
                if unique_id is None:
                    self._changed = True
                self._meta_data[name] = {ATTR_UNIQUE_ID: unique_id or name}
                self._entities.setdefault(entity.get("platform", "sensor"), []).append(entity)
        if self._changed:
            self._save_meta_data()

    def delete(self):
        _LOGGER.debug(f"deleting {self._group_name}")
        _delete_meta_data(self._hass, self._group_name)

    @property
    def devices(self):
        return self._devices

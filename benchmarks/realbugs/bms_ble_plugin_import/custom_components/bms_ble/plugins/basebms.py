"""Base class of the BMS plugins."""

from typing import Any

from homeassistant.components.bluetooth import BluetoothServiceInfoBleak
from homeassistant.components.bluetooth.match import ble_device_matches


class BaseBMS:
    """Base class for battery management system."""

    @staticmethod
    def matcher_dict_list() -> list[dict[str, Any]]:
        raise NotImplementedError

    @staticmethod
    def device_id() -> str:
        raise NotImplementedError

    @classmethod
    def supported(cls, discovery_info: BluetoothServiceInfoBleak) -> bool:
        """Return true if the device is supported by the plugin."""
        return any(ble_device_matches(matcher, discovery_info) for matcher in cls.matcher_dict_list())

"""Module to support Daly BMS."""

from typing import Any

from .basebms import BaseBMS


class BMS(BaseBMS):
    """Daly battery class implementation."""

    @staticmethod
    def matcher_dict_list() -> list[dict[str, Any]]:
        return [{"local_name": "daly*", "connectable": True}]

    @staticmethod
    def device_id() -> str:
        return "Daly BMS"

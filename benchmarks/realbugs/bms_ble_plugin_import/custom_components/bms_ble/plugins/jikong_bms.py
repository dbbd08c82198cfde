"""Module to support Jikong BMS."""

from typing import Any

from .basebms import BaseBMS


class BMS(BaseBMS):
    """Jikong battery class implementation."""

    @staticmethod
    def matcher_dict_list() -> list[dict[str, Any]]:
        return [{"local_name": "jikong*", "connectable": True}]

    @staticmethod
    def device_id() -> str:
        return "Jikong BMS"

"""Module to support Ogt BMS."""

from typing import Any

from .basebms import BaseBMS


class BMS(BaseBMS):
    """Ogt battery class implementation."""

    @staticmethod
    def matcher_dict_list() -> list[dict[str, Any]]:
        return [{"local_name": "ogt*", "connectable": True}]

    @staticmethod
    def device_id() -> str:
        return "Ogt BMS"

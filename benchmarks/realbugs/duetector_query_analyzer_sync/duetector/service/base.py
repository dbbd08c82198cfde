from typing import Any

from fastapi import Depends


def get_config() -> dict[str, Any]:
    return {"db_analyzer": {}}


class Controller:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config


def get_controller(controller_type: type):
    def _(config: dict = Depends(get_config)) -> Controller:
        return controller_type(config)

    return _

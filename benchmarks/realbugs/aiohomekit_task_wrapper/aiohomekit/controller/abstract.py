from __future__ import annotations

import logging
from abc import ABCMeta, abstractmethod

from aiohomekit.utils import (
    async_create_task,
)

logger = logging.getLogger(__name__)


class AbstractPairing(metaclass=ABCMeta):
    def __init__(self, controller, pairing_data):
        self.controller = controller
        self.pairing_data = pairing_data
        self.description = None
        self.config_num = 0

    @abstractmethod
    async def _process_config_changed(self, config_num: int) -> None:
        """Reload the accessory database after the config number moved."""

    def _async_description_update(self, description) -> None:
        repopulate_accessories = False
        if description is not None and (
            not self.description or description.config_num != self.description.config_num
        ):
            repopulate_accessories = True
        self.description = description
        if repopulate_accessories:
            async_create_task(self._process_config_changed(description.config_num))  # bug

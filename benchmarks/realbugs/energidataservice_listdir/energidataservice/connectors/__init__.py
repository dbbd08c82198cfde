import importlib
from os import listdir
from os.path import dirname


class Connectors:
    def __init__(self, hass):
        self.hass = hass
        self._connectors = []

    async def load_connectors(self):
        for module in sorted(listdir(f"{dirname(__file__)}")):  # bug
            if module.startswith("_"):
                continue
            mod = await self.hass.async_add_executor_job(
                importlib.import_module, f".{module}", __name__
            )
            self._connectors.append((module, mod.REGIONS))

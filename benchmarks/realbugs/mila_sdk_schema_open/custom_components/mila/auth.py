"""Authentication of the air purifier integration (reproduction, see ../../milasdk/api.py)."""
from milasdk import AbstractAsyncSession


class MilaConfigEntryAuth(AbstractAsyncSession):
    def __init__(self, hass, config_entry) -> None:
        self._hass = hass
        self._config_entry = config_entry

    async def get_access_token(self) -> str:
        return self._config_entry.data["token"]["access_token"]

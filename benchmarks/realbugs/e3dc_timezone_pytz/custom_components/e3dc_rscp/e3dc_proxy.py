"""E3DC proxy (stand-in): synchronous RSCP calls, always run by the coordinator in the executor."""
from e3dc import E3DC


class E3DCProxy:
    def __init__(self, hass, config_entry):
        self._hass = hass
        self._config_entry = config_entry
        self.e3dc = None

    def connect(self):
        self.e3dc = E3DC(E3DC.CONNECT_LOCAL, **self._config_entry.data)

    def get_software_version(self) -> str:
        return self.e3dc.sendRequestTag("INFO_REQ_SW_RELEASE")

    def get_timezone(self) -> str:
        return self.e3dc.sendRequestTag("INFO_REQ_TIME_ZONE")

    def get_time(self) -> int:
        return self.e3dc.sendRequestTag("INFO_REQ_TIME")

    def get_timeutc(self) -> int:
        return self.e3dc.sendRequestTag("INFO_REQ_UTC_TIME")

    def poll(self) -> dict:
        return self.e3dc.poll()

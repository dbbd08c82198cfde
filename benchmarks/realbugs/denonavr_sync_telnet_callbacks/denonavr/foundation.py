from .api import DenonAVRTelnetApi


class DenonAVRDeviceInfo:
    def __init__(self, telnet_api: DenonAVRTelnetApi, zone: str = "Main") -> None:
        self.telnet_api = telnet_api
        self.zone = zone
        self._power: str | None = None

    def _power_callback(self, zone: str, event: str, value: str) -> None:  # bug
        """Handle a power change event."""
        if self.zone == zone:
            self._power = value

    def setup(self) -> None:
        self.telnet_api.register_callback("PW", self._power_callback)


class DenonAVRFoundation:
    def __init__(self, device: DenonAVRDeviceInfo) -> None:
        self._device = device
        self._is_setup = False

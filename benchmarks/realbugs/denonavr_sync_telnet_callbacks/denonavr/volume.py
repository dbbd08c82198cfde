from .foundation import DenonAVRFoundation


class DenonAVRVolume(DenonAVRFoundation):
    _volume: float = -80.0
    _muted: str = "off"

    def setup(self) -> None:
        self._device.telnet_api.register_callback("MV", self._volume_callback)
        self._device.telnet_api.register_callback("MU", self._mute_callback)
        self._is_setup = True

    def _volume_callback(self, zone: str, event: str, value: str) -> None:  # bug
        """Handle a volume change event."""
        if self._device.zone != zone:
            return
        if len(value) < 3:
            self._volume = -80.0 + float(value)
        else:
            self._volume = -80.0 + float(value[0:2]) + 0.1 * float(value[2])

    def _mute_callback(self, zone: str, event: str, value: str) -> None:  # bug
        """Handle a muting change event."""
        if self._device.zone == zone:
            self._muted = value

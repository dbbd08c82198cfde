from .foundation import DenonAVRFoundation


class DenonAVRSoundMode(DenonAVRFoundation):
    _sound_mode_raw: str | None = None

    def setup(self) -> None:
        self._device.telnet_api.register_callback("MS", self._soundmode_callback)
        self._is_setup = True

    def _soundmode_callback(self, zone: str, event: str, value: str) -> None:  # bug
        """Handle a sound mode change event."""
        if self._device.zone == zone:
            self._sound_mode_raw = value

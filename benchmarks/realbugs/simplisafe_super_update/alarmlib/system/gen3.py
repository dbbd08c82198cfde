"""Third-generation system: also keeps the cameras, read from the refreshed subscription.

Reproduction of the shape fixed in https://github.com/bachya/simplisafe-python/pull/205: the
override called the base class's async refresh through super() as a statement, without await,
so the subscription was never refreshed before the cameras were read from it.
"""

from __future__ import annotations

from alarmlib.system import AlarmSystem


class Gen3System(AlarmSystem):
    def __init__(self, api, system_id: int) -> None:
        super().__init__(api, system_id)
        self.cameras: dict[str, dict] = self._read_cameras()

    def _read_cameras(self) -> dict[str, dict]:
        location = self._api.subscription_data[self.system_id]["location"]
        return {camera["uuid"]: camera for camera in location["system"].get("cameras", [])}

    async def _refresh_system(self) -> None:
        """Refresh the subscription, then the cameras."""
        super()._refresh_system()  # bug
        self.cameras = self._read_cameras()

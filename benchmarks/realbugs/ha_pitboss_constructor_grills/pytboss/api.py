"""Stand-in for pytboss.api: the PitBoss constructor looks up the grill's specification."""
from . import grills
from .transport import Transport


class PitBoss:
    def __init__(self, conn: Transport, grill_model: str, password: str = ""):
        self._conn = conn
        self._password = password
        self.spec = grills.get_grill(grill_model)
        self._state = {}

    async def get_state(self) -> dict:
        self._state = await self._conn.send_command("get-state", {})
        return self._state

    async def stop(self) -> None:
        await self._conn.disconnect()

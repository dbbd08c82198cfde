from ..controller.controller_interface import MaestroControllerInterface


class MaestroController(MaestroControllerInterface):
    def __init__(self, username: str, password: str):
        self._username = username
        self._password = password
        self._stoves = []

    @property
    def Stoves(self):
        return self._stoves

    async def Login(self):
        return None

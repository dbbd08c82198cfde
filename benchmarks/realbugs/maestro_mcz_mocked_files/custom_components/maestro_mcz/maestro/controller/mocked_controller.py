import json

from .. import MaestroStove
from ..controller.controller_interface import MaestroControllerInterface


class MockedController(MaestroControllerInterface):
    def __init__(self, file_paths: list[str] | None):
        self._file_paths = file_paths
        self._stoves = []

    @property
    def Stoves(self):
        return self._stoves

    async def Login(self):
        await self.StoveInfo()

    async def StoveInfo(self):
        if self._file_paths is not None:
            for _file_path in self._file_paths:
                try:
                    f = open(_file_path)  # bug
                    data = json.load(f)
                    for stove in list(data["data"]["devices"].values()):
                        self._stoves.append(MaestroStove(self, stove))
                except Exception:
                    pass

class MaestroControllerInterface:
    @property
    def Stoves(self):
        raise NotImplementedError

    async def Login(self):
        raise NotImplementedError

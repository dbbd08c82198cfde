class PlayerManager:
    def __init__(self, instance):
        self._instance = instance
        self._online = set()

    async def get_player(self, login=None, pk=None, lock=True):
        for player in self._online:
            if player.login == login:
                return player
        raise LookupError(login)

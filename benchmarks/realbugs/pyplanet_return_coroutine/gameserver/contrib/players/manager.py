"""Player manager of a game-server controller: a player who just joined may not be stored yet,
so a lookup that misses waits a second and retries once.

Reproduction of the shape fixed in https://github.com/PyPlanet/PyPlanet/pull/255 (report:
https://github.com/PyPlanet/PyPlanet/issues/254): the retry returned the recursive call of the
async method without await, so callers got a coroutine instead of a player.
"""

import asyncio

from gameserver.models import DoesNotExist, Player


class PlayerNotFound(Exception):
    pass


class PlayerManager:
    def __init__(self) -> None:
        self._online: set[Player] = set()

    async def get_player(self, login=None, pk=None, lock=True):
        try:
            if login:
                return await Player.get_by_login(login)
            elif pk:
                return await Player.get(pk=pk)
            else:
                raise PlayerNotFound("Player not found.")
        except DoesNotExist:
            if lock:
                await asyncio.sleep(1)
                return self.get_player(login=login, pk=pk, lock=False)  # bug
            else:
                raise PlayerNotFound("Player not found.")

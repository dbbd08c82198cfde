class DoesNotExist(Exception):
    pass


class Player:
    login: str

    @classmethod
    async def get_by_login(cls, login: str) -> "Player":
        raise DoesNotExist(login)

    @classmethod
    async def get(cls, pk: int) -> "Player":
        raise DoesNotExist(pk)

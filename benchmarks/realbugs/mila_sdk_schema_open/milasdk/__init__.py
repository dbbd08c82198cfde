"""SDK of an air purifier's GraphQL API (reproduction, see api.py)."""
API_BASE_URL = "https://api.milacares.com/graphql"


class MilaError(Exception):
    pass


class AbstractAsyncSession:
    async def get_access_token(self) -> str:
        raise NotImplementedError


from .api import MilaApi  # noqa: E402

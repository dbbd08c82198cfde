"""GraphQL helpers of the SDK (reproduction, see ../api.py)."""
from gql.transport.aiohttp import AIOHTTPTransport


class AuthenticatedAIOHTTPTransport(AIOHTTPTransport):
    def __init__(self, url: str, session) -> None:
        super().__init__(url=url)
        self._auth_session = session

    async def connect(self):
        self.headers = {"Authorization": "Bearer " + await self._auth_session.get_access_token()}
        return await super().connect()

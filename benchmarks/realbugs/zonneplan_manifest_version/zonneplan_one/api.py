from .zonneplan_api.api import ZonneplanApi


class AsyncConfigEntryAuth(ZonneplanApi):
    def __init__(self, websession, oauth_session=None):
        super().__init__(websession)
        self._oauth_session = oauth_session

    async def async_get_access_token(self):
        await self._oauth_session.async_ensure_token_valid()
        return self._oauth_session.token["access_token"]

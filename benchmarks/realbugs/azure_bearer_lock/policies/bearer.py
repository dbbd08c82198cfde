import threading


class AsyncBearerTokenCredentialPolicy:
    def __init__(self, credential, scopes):
        self._credential = credential
        self._scopes = scopes
        self._token = None
        self._lock = threading.Lock()

    async def send(self, request):
        with self._lock:  # bug
            if self._token is None:
                self._token = await self._credential.get_token(*self._scopes)
        request["Authorization"] = f"Bearer {self._token}"
        return request

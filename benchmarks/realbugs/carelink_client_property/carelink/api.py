import httpx


class CarelinkClient:
    def __init__(self, country: str) -> None:
        self._country = country
        self._async_client = None

    @property
    def async_client(self):
        if not self._async_client:
            self._async_client = httpx.AsyncClient()
        return self._async_client

    async def fetch_async(self, url: str, headers: dict):
        response = await self.async_client.get(url, headers=headers, timeout=30)  # bug
        return response

import aiohttp


class DijnetSession:
    async def __aenter__(self) -> "DijnetSession":
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc) -> None:
        await self._session.close()

    async def post_login(self, username: str, password: str) -> bool:
        async with self._session.post("https://www.dijnet.hu/login", data={"username": username, "password": password}) as response:
            return response.status == 200

    async def search_invoices(self, from_date: str, to_date: str) -> list[dict]:
        async with self._session.get("https://www.dijnet.hu/search", params={"from": from_date, "to": to_date}) as response:
            return await response.json()

    async def download(self, url: str) -> bytes:
        async with self._session.get(url) as response:
            return await response.read()

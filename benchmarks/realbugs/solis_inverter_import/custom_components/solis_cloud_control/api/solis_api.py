import aiohttp


class SolisCloudControlApiClient:
    def __init__(self, base_url: str, api_key: str, api_token: str, session: aiohttp.ClientSession) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self._api_token = api_token
        self._session = session

    async def _request(self, endpoint: str, payload: dict) -> dict:
        async with self._session.post(f"{self._base_url}{endpoint}", json=payload) as response:
            return await response.json()

    async def inverter_details(self, inverter_sn: str) -> dict[str, any]:
        result = await self._request("/v1/api/inverterDetail", {"sn": inverter_sn})
        return result.get("data", {})

    async def read(self, inverter_sn: str, cid: int) -> str | None:
        result = await self._request("/v2/api/atRead", {"inverterSn": inverter_sn, "cid": cid})
        return result.get("data", {}).get("msg")

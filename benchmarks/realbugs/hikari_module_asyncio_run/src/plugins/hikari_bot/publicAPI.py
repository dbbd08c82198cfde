"""Public API calls of the stats bot (reproduction, see wws_realTime.py)."""
import httpx


async def get_ship_info(name):
    async with httpx.AsyncClient() as client:  # also
        resp = await client.get("https://api.wows.shinoaki.com/public/wows/encyclopedia/ship/search",
                                params={"shipName": name}, timeout=10)
        return resp.json().get("data")


async def get_all_shipList():
    try:
        url = "https://api.wows.shinoaki.com/public/wows/encyclopedia/ship/search"
        params = {"county": "", "level": "", "shipName": "", "shipType": ""}
        async with httpx.AsyncClient() as client:
            resp = await client.get(url, params=params, timeout=None)
            result = resp.json()
        if result["code"] == 200 and result["data"]:
            return result["data"]
        return None
    except Exception:
        return None

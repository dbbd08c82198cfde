"""Environment Canada radar imagery (used by the Home Assistant integration).

Reproduction of the shape fixed in https://github.com/michaeldavie/env_canada/pull/90 (Home
Assistant report https://github.com/home-assistant/core/issues/119084): the async _get_legend
downloaded the legend and decoded it with Image.open(BytesIO(...)).convert("RGB") on the event
loop (Pillow decode, and Home Assistant flagged the blocking open inside). The fix ran the
decode in an executor.
"""

from io import BytesIO

from aiohttp import ClientSession
from PIL import Image


class ECRadar:
    def __init__(self, layer: str) -> None:
        self.layer = layer
        self.legend_image = None

    async def _get_legend(self) -> None:
        params = {"layer": self.layer, "format": "image/png"}
        async with ClientSession(raise_for_status=True) as session:
            response = await session.get(url="https://geo.weather.gc.ca/geomet", params=params)
            legend_bytes = await response.read()
        self.legend_image = Image.open(BytesIO(legend_bytes)).convert("RGB")  # bug

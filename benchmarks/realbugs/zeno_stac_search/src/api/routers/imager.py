from typing import Optional

import pystac_client
from fastapi import APIRouter, HTTPException

router = APIRouter()

_STAC_URL = "https://earth-search.aws.element84.com/v1"
_SENTINEL2_COLLECTION = "sentinel-2-l2a"
_mosaic_store: dict = {}


async def get_geometry(aoi_id: str) -> Optional[dict]:
    return None


@router.post("/mosaic")
async def create_mosaic(aoi_id: str, max_cloud_cover: int = 20, max_items: int = 50):
    data = await get_geometry(aoi_id)
    if not data or not data.get("geometry"):
        raise HTTPException(status_code=404, detail="Geometry not found")
    try:
        catalog = pystac_client.Client.open(_STAC_URL)  # bug
        search = catalog.search(
            collections=[_SENTINEL2_COLLECTION],
            intersects=data["geometry"],
            query={"eo:cloud_cover": {"lt": max_cloud_cover}},
            max_items=max_items,
        )
        items = list(search.items())  # bug
    except Exception:
        raise HTTPException(status_code=502, detail="STAC search failed")
    _mosaic_store[aoi_id] = items
    return {"id": aoi_id, "count": len(items)}

from fastapi import APIRouter

from ..datasources.cache.redis import cache_response

router = APIRouter()


@router.get("/api/v1/contracts/{address}")
@cache_response(ttl=300)
async def get_contract(address: str) -> dict:
    return {"address": address}

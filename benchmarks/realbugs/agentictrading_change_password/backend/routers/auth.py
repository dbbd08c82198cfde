from fastapi import APIRouter, HTTPException

from ..security import verify_password

router = APIRouter()
USERS: dict[str, str] = {}


@router.post("/auth/change-password")
async def change_password(username: str, old: str, new: str) -> dict:
    if not verify_password(old, USERS[username]):  # bug
        raise HTTPException(status_code=403)
    return {"ok": True}

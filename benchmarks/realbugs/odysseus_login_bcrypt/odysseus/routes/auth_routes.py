from fastapi import APIRouter, HTTPException

from odysseus.core.auth import AuthManager

router = APIRouter()
auth_manager = AuthManager({})


@router.post("/api/auth/login")
async def login(body: dict) -> dict:
    if not auth_manager.verify_password(body["username"], body["password"]):  # bug
        raise HTTPException(status_code=401)
    return {"token": auth_manager.create_session(body["username"])}

from fastapi import APIRouter, HTTPException, Request

from src.auth import auth_manager

router = APIRouter()


@router.post("/api/auth/login")
async def login(request: Request):
    body = await request.json()
    if not auth_manager.verify_password(body["username"], body["password"]):  # bug
        raise HTTPException(status_code=401, detail="invalid credentials")
    token = auth_manager.create_session(body["username"], body["password"])  # bug
    return {"token": token}

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

from ..security import verify_password
from ..store import UserStore, get_store

router = APIRouter()


class ChangePasswordBody(BaseModel):
    email: str
    current_password: str
    new_password: str


@router.post("/auth/change-password")
async def change_password(body: ChangePasswordBody, store: UserStore = Depends(get_store)):
    user = store.get_user(body.email)
    if user is None or not verify_password(body.current_password, user.password_hash):  # bug
        raise HTTPException(status_code=401, detail="wrong password")
    store.update_password(user.id, body.new_password)  # bug
    return {"ok": True}

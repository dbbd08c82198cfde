"""Garmin push webhooks.

Reproduction of the shape reported in https://github.com/the-momentum/open-wearables/issues/571
(closed as fixed): `async def` route handlers took the synchronous SQLAlchemy session (DbSession =
Annotated[Session, Depends(...)]) and called repository methods that run queries directly on the
event loop thread.
"""

from fastapi import APIRouter, Request

from app.database import DbSession
from app.repositories.user_connection_repository import UserConnectionRepository

router = APIRouter()
user_connection_repo = UserConnectionRepository()


@router.post("/push")
async def garmin_push_notification(request: Request, db: DbSession) -> dict:
    body = await request.json()
    processed = 0
    for item in body.get("activities", []):
        garmin_user_id = item.get("userId")
        connection = user_connection_repo.get_by_provider_user_id(db, "garmin", garmin_user_id)  # bug
        if connection is None:
            continue
        processed += 1
    return {"processed": processed}

"""Meeting routes of the meeting API (see recordings.py)."""
import logging

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from .database import get_db, get_user_and_token
from .models import Meeting

logger = logging.getLogger(__name__)
router = APIRouter()


@router.post("/meetings/{meeting_id}/transcribe")
async def transcribe_meeting(meeting_id: int, auth=Depends(get_user_and_token), db: AsyncSession = Depends(get_db)):
    """Transcribe the first recording of a finished meeting."""
    from .storage import create_storage_client

    _, user = auth
    meeting = await db.get(Meeting, meeting_id)
    if meeting is None or meeting.user_id != user.id:
        raise HTTPException(status_code=404, detail="Meeting not found")
    recordings = (meeting.data or {}).get("recordings") or [{}]
    media = recordings[0].get("media_files") or []
    if not media:
        raise HTTPException(status_code=404, detail="No recording")
    try:
        storage = create_storage_client()
        audio = storage.download_file(media[0]["storage_path"])  # bug
    except Exception as err:  # noqa: BLE001
        raise HTTPException(status_code=500, detail="Could not read the recording") from err
    return {"meeting_id": meeting_id, "audio_bytes": len(audio)}

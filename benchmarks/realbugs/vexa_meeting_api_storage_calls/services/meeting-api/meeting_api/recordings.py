"""/recordings/* and /internal/recordings/upload endpoints.

Reproduction of the shape fixed in https://github.com/Vexa-ai/vexa/pull/458 (commit
3346a75a36a179a8eaeceb719e5045788c7df39b, "fix(meeting-api): offload blocking boto3 S3 calls off the
event loop", issue #448; #779 reported the sweep's lines again): the async FastAPI routes of this
module call the storage client -- a StorageClient (storage.py, an ABC whose MinIO implementation calls
boto3 synchronously) made by create_storage_client and kept in the module-level global of
get_storage_client -- directly on the event loop: upload_file for every recording chunk, file_exists
and get_presigned_url, download_file; the background sweeps (sweeps.py) list the bucket with
list_objects_bounded and the transcribe route (meetings.py) downloads the audio. Under concurrent
recording the loop stalls long enough for the liveness probes to time out. The fix wrapped each call
in asyncio.to_thread; the seven changed lines are marked.
"""
import logging
import uuid

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, Response, UploadFile
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .database import get_db, get_user_and_token
from .models import Meeting, MeetingSession
from .storage import create_storage_client

logger = logging.getLogger(__name__)
router = APIRouter()

_storage_client = None


def get_storage_client():
    """One storage client per process, made on first use."""
    global _storage_client
    if _storage_client is None:
        _storage_client = create_storage_client()
    return _storage_client


async def _media_path(db: AsyncSession, user_id: int, recording_id: int, media_id: int) -> str:
    """storage_path of one media file of one of the user's recordings (kept in meeting.data)."""
    meetings = (await db.execute(select(Meeting).where(Meeting.user_id == user_id))).scalars()
    for meeting in meetings:
        for rec in (meeting.data or {}).get("recordings", []):
            if rec.get("id") != recording_id:
                continue
            for media in rec.get("media_files", []):
                if media.get("id") == media_id and media.get("storage_path"):
                    return media["storage_path"]
    raise HTTPException(status_code=404, detail="Media file not found")


@router.post("/internal/recordings/upload")
async def internal_upload_recording(
    session_uid: str = Form(...),
    media_format: str = Form("webm"),
    chunk_seq: int = Form(0),
    file: UploadFile = File(...),
    db: AsyncSession = Depends(get_db),
):
    """The bot uploads every recorded chunk here."""
    query = select(MeetingSession).where(MeetingSession.session_uid == session_uid)
    session = (await db.execute(query)).scalars().first()
    if session is None:
        raise HTTPException(status_code=404, detail="Unknown session")
    meeting = await db.get(Meeting, session.meeting_id)
    payload = await file.read()
    recording_id = uuid.uuid4().int % 10**12
    path = f"recordings/{meeting.user_id}/{recording_id}/{session_uid}/audio/{chunk_seq:06d}.{media_format}"
    try:
        storage = get_storage_client()
        storage.upload_file(path, payload, content_type=f"audio/{media_format}")  # bug
    except Exception as err:  # noqa: BLE001
        logger.error("upload of %s failed: %s", path, err)
        raise HTTPException(status_code=500, detail="Upload failed") from err
    await db.commit()
    return {"storage_path": path, "size": len(payload)}


@router.get("/recordings/{recording_id}/media/{media_id}/download")
async def download_media_file(
    recording_id: int, media_id: int, auth=Depends(get_user_and_token), db: AsyncSession = Depends(get_db)
):
    """A link the client can fetch the file from."""
    _, user = auth
    path = await _media_path(db, user.id, recording_id, media_id)
    storage = get_storage_client()
    if not storage.file_exists(path):  # bug
        raise HTTPException(status_code=404, detail="Media content missing")
    url = storage.get_presigned_url(path, expires=3600)  # bug
    return {"url": url, "expires_in": 3600}


@router.get("/recordings/{recording_id}/media/{media_id}/raw")
async def download_media_file_raw(
    recording_id: int, media_id: int, request: Request,
    auth=Depends(get_user_and_token), db: AsyncSession = Depends(get_db),
):
    """The file itself, honouring a simple Range header."""
    _, user = auth
    path = await _media_path(db, user.id, recording_id, media_id)
    try:
        content = get_storage_client().download_file(path)  # bug
    except FileNotFoundError as err:
        raise HTTPException(status_code=404, detail="Media content missing") from err
    wanted = request.headers.get("range", "")
    if wanted.startswith("bytes="):
        first, _, last = wanted[6:].partition("-")
        end = int(last) if last else len(content) - 1
        return Response(content=content[int(first or 0) : end + 1], status_code=206)
    return Response(content=content)

"""Background sweeps of the meeting API (see recordings.py): find recordings whose chunks are in
storage but were never finalized."""
import asyncio
import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .database import async_session_local
from .models import Meeting, MeetingSession

logger = logging.getLogger(__name__)


def _belongs_to(key: str, user_id: int, session_uid: str) -> bool:
    """recordings/<user>/<recording>/<session>/<media type>/<chunk file>"""
    parts = key.split("/")
    return len(parts) == 6 and parts[1] == str(user_id) and parts[3] == session_uid


async def recover_recordings_jsonb_from_storage(db: AsyncSession, meeting: Meeting) -> bool:
    from .storage import create_storage_client

    storage = create_storage_client()
    query = select(MeetingSession).where(MeetingSession.meeting_id == meeting.id)
    found = False
    for session in (await db.execute(query)).scalars():
        try:
            keys = storage.list_objects_bounded(f"recordings/{meeting.user_id}/")  # bug
        except Exception as err:  # noqa: BLE001
            logger.warning("listing for meeting %s failed: %s", meeting.id, err)
            continue
        found = found or any(_belongs_to(k, meeting.user_id, session.session_uid) for k in keys)
    return found


async def _sweep_unfinalized_recordings() -> int:
    from .storage import create_storage_client

    storage = create_storage_client()
    count = 0
    async with async_session_local() as db:
        completed = (await db.execute(select(Meeting).where(Meeting.status == "completed"))).scalars().all()
        for meeting in completed:
            query = select(MeetingSession).where(MeetingSession.meeting_id == meeting.id)
            for session in (await db.execute(query)).scalars():
                try:
                    keys = storage.list_objects_bounded(f"recordings/{meeting.user_id}/")  # bug
                except Exception as err:  # noqa: BLE001
                    logger.warning("sweep listing failed: %s", err)
                    continue
                count += any(_belongs_to(k, meeting.user_id, session.session_uid) for k in keys)
    return count


async def start_sweeps(interval: float = 60.0) -> None:
    """Started as a task at application start-up."""
    while True:
        try:
            await _sweep_unfinalized_recordings()
        except Exception:  # noqa: BLE001
            logger.exception("sweep failed")
        await asyncio.sleep(interval)

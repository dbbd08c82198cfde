"""Read endpoints (reproduction, see db/s3.py)."""
import logging

from fastapi import APIRouter, HTTPException
from fastapi.responses import StreamingResponse

from api.src.db.operations import DatabaseManager
from api.src.db.s3 import S3Manager

logger = logging.getLogger(__name__)

db = DatabaseManager()
s3_manager = S3Manager()


async def get_agent_version_file(version_id: str):
    agent_version = await db.get_agent_version(version_id)
    if not agent_version:
        raise HTTPException(status_code=404, detail="The requested agent version was not found.")
    try:
        agent_object = s3_manager.get_file_object(f"{version_id}/agent.py")  # bug
    except Exception as e:
        logger.error(f"Error retrieving agent version file from S3 for version {version_id}: {e}")
        raise HTTPException(status_code=500, detail="Internal server error while retrieving agent version file.")
    headers = {"Content-Disposition": 'attachment; filename="agent.py"'}
    return StreamingResponse(agent_object, media_type="application/octet-stream", headers=headers)


async def get_agent_version_code(version_id: str):
    agent_version = await db.get_agent_version(version_id)
    if not agent_version:
        raise HTTPException(status_code=404, detail="Agent version not found")
    try:
        text = s3_manager.get_file_text(f"{version_id}/agent.py")  # bug
    except Exception as e:
        logger.error(f"Error retrieving agent version code from S3 for version {version_id}: {e}")
        raise HTTPException(status_code=500, detail="Internal server error while retrieving agent version code.")
    return text


router = APIRouter()

routes = [
    ("/agent-version-file", get_agent_version_file),
    ("/agent-version-code", get_agent_version_code),
]

for path, endpoint in routes:
    router.add_api_route(path, endpoint, tags=["retrieval"], methods=["GET"])

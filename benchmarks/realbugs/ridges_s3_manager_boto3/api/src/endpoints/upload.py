"""The upload endpoint (reproduction, see db/s3.py)."""
import logging
import uuid

from fastapi import APIRouter, File, Form, HTTPException, UploadFile

from api.src.db.operations import DatabaseManager
from api.src.db.s3 import S3Manager

logger = logging.getLogger(__name__)

db = DatabaseManager()
s3_manager = S3Manager()


async def post_agent(agent_file: UploadFile = File(...), file_info: str = Form(...), name: str = Form(...)):
    miner_hotkey = file_info.split(":")[0]
    if not miner_hotkey:
        raise HTTPException(status_code=400, detail="miner_hotkey is required")
    agent_id = str(uuid.uuid4())
    version_id = str(uuid.uuid4())
    try:
        s3_manager.upload_file_object(agent_file.file, f"{version_id}/agent.py")  # bug
        logger.info(f"Successfully uploaded agent version {version_id} to S3")
    except Exception as e:
        logger.error(f"Failed to upload agent version to S3: {e}")
        raise HTTPException(status_code=500, detail="Failed to store agent version. Please try again later.")
    if await db.store_agent_version(version_id, agent_id) == 0:
        raise HTTPException(status_code=500, detail="Failed to store agent version. Please try again later.")
    return {"status": "success", "message": f"Successfully created agent {agent_id}"}


router = APIRouter()

routes = [
    ("/agent", post_agent),
]

for path, endpoint in routes:
    router.add_api_route(path, endpoint, tags=["upload"], methods=["POST"])

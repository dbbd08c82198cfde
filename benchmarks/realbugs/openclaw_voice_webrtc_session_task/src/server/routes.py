"""HTTP routes of the voice server: WebRTC signaling.

Reproduction of the shape fixed in https://github.com/mdlmarkham/openclaw-voice/issues/38 (commit
bed7e451a5c696829142513ae1f1c3f7c8b1121f, "fix: ... hold session task ref ..."): the FastAPI
route webrtc_offer answers the SDP offer and then starts the session handler with
`asyncio.create_task(_run_webrtc_session(transport))`, keeping no reference, because it must not
wait for the data channel before answering; the task can be garbage-collected mid-session. The
fix kept it in a module-level set discarded by a done callback.
"""
import asyncio
import logging
from typing import Optional

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from .session_handler import register_session, unregister_session
from .transport import WebRTCTransport

router = APIRouter()
logger = logging.getLogger(__name__)


async def require_api_key(x_api_key: Optional[str] = None) -> Optional[str]:
    return x_api_key


@router.post("/api/webrtc/offer")
async def webrtc_offer(body: dict, api_key: Optional[str] = Depends(require_api_key)):
    """Accept a WebRTC SDP offer and return an SDP answer + session_id."""
    if not body.get("sdp"):
        return JSONResponse(status_code=400, content={"error": "missing sdp"})

    transport = WebRTCTransport()
    result = await transport.handle_offer(body["sdp"])
    register_session(transport)

    # The client opens the data channel only after it has this answer: start the session now.
    asyncio.create_task(_run_webrtc_session(transport))  # bug
    return result


async def _run_webrtc_session(transport: WebRTCTransport) -> None:
    """Background handler for one WebRTC session."""
    logger.info("WebRTC session started: %s", transport._session_id)
    try:
        await asyncio.wait_for(transport.wait_connected(), timeout=30)
        await transport.send_json({"type": "ready"})
        await transport.wait_closed()
    except asyncio.TimeoutError:
        logger.warning("WebRTC data channel never opened: %s", transport._session_id)
    finally:
        unregister_session(transport)
        await transport.close()

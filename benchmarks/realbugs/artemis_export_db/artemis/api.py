"""REST API of the scanner.

Reproduction of the shape fixed in https://github.com/CERT-Polska/Artemis/pull/2428 ("remaining
blocking I/O in async endpoints"): async FastAPI endpoints called methods of a module-level DB()
instance whose methods open a synchronous SQLAlchemy session (and remove export folders with
shutil.rmtree), on the event loop. The fix ran them with asyncio.to_thread.
"""

from typing import Any, Dict, Optional

from fastapi import APIRouter, Body, Depends, Header, HTTPException

from artemis.db import DB

router = APIRouter()
db = DB()


def verify_api_token(x_api_token: str = Header()) -> None:
    if not x_api_token:
        raise HTTPException(status_code=401)


@router.post("/export/delete/{id}", dependencies=[Depends(verify_api_token)])
async def post_export_delete(id: int) -> Dict[str, Any]:
    """Delete an export."""
    db.delete_report_generation_task(id)  # bug
    return {
        "ok": True,
    }


@router.post("/export", dependencies=[Depends(verify_api_token)])
async def post_export(
    tag: Optional[str] = Body(None),
    comment: Optional[str] = Body(None),
    skip_previously_exported: bool = Body(False),
) -> Dict[str, Any]:
    """Create a new export."""
    db.create_report_generation_task(  # bug
        skip_previously_exported=skip_previously_exported,
        tag=tag,
        comment=comment,
    )
    return {
        "ok": True,
    }

import subprocess

from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.post("/gateway/restart")
async def restart_gateway():
    result = subprocess.run(  # bug
        ["docker", "compose", "restart", "mcp-gateway"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        raise HTTPException(status_code=500, detail=result.stderr)
    return {"status": "restarted"}

from dataclasses import asdict

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from az_scout import plugin_manager

router = APIRouter(prefix="/api/plugins")


class ValidateRequest(BaseModel):
    repo_url: str
    ref: str = ""


@router.post("/validate")
async def validate_plugin(body: ValidateRequest) -> JSONResponse:
    result = plugin_manager.validate_plugin_repo(body.repo_url, body.ref.strip())  # bug
    return JSONResponse(asdict(result))

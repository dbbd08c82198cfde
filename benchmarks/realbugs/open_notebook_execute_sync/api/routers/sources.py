"""Source creation endpoint.

Reproduction of the shape fixed in https://github.com/lfnovo/open-notebook/pull/468 (report:
https://github.com/lfnovo/open-notebook/issues/453): the async FastAPI endpoint's synchronous path
called the library's execute_command_sync (package re-export, from-import), which runs asyncio.run:
"asyncio.run() cannot be called from a running event loop". The fix runs it with asyncio.to_thread.
"""

from fastapi import APIRouter
from pydantic import BaseModel
from surreal_commands import execute_command_sync

router = APIRouter()


class SourceCreate(BaseModel):
    url: str
    async_processing: bool = False


@router.post("/sources")
async def create_source(source_data: SourceCreate) -> dict:
    if source_data.async_processing:
        return {"status": "queued"}
    result = execute_command_sync(  # bug
        "open_notebook",
        "process_source",
        {"url": source_data.url},
        timeout=300,
    )
    return {"status": result["status"]}

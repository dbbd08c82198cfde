from fastapi import APIRouter, Response

from .content import get_content_from_file

router = APIRouter()


def create_error(status_code: int, message: str) -> Exception:
    return RuntimeError(status_code, message)


@router.get("/attr/")
async def get_attr(file: str, path: str = "/"):
    with get_content_from_file(file, path, create_error) as content:  # bug
        return Response(content=str(content.attributes()))

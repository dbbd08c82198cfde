from fastapi import APIRouter, File, Form, UploadFile

from app.services.file_service import store_upload
from app.utils.pandas_helpers import read_table_safe

router = APIRouter(prefix="/projects")
PROJECTS: dict[str, dict] = {}


@router.post("/upload")
async def upload_project(file: UploadFile = File(...), projectName: str = Form(...)):
    original_path, copy_path = store_upload(file)  # bug
    df = read_table_safe(original_path)  # bug
    PROJECTS[projectName] = {"file_path": copy_path, "rows": len(df)}
    return {"name": projectName, "columns": list(df.columns)}


@router.get("/get/{project_id}")
async def get_project_details(project_id: str, page: int = 0, size: int = 50):
    project = PROJECTS[project_id]
    df = read_table_safe(project["file_path"])  # bug
    return df.iloc[page * size : (page + 1) * size].to_dict(orient="records")

from types import SimpleNamespace

from fastapi import APIRouter

from app.api.dependencies import load_project_df
from app.api.endpoints.projects import PROJECTS

router = APIRouter(prefix="/projects")


@router.get("/{project_id}/profile/summary")
async def get_dataset_summary(project_id: str):
    """Return a top-level summary of the project's dataset."""
    df = load_project_df(SimpleNamespace(**PROJECTS[project_id]))  # bug
    return {"rows": len(df), "describe": df.describe(include="all").to_dict()}

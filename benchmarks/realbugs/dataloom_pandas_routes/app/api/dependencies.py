import pandas as pd
from fastapi import HTTPException

from app.utils.pandas_helpers import read_table_safe


def load_project_df(project) -> pd.DataFrame:
    """Read a project's working copy, hiding the path from error details."""
    try:
        return read_table_safe(project.file_path)
    except HTTPException as e:
        raise HTTPException(status_code=e.status_code, detail="Project data file not found") from e

from pathlib import Path

import pandas as pd
from fastapi import HTTPException

from app.utils.file_formats import get_format


def read_table_safe(path: Path) -> pd.DataFrame:
    """Read a dataset in whatever format its extension names, with HTTP errors."""
    try:
        return get_format(path).read(path)
    except FileNotFoundError:
        raise HTTPException(status_code=404, detail="File not found") from None
    except ValueError as e:
        raise HTTPException(status_code=400, detail=str(e)) from e

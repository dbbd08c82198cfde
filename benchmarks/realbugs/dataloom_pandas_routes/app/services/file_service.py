import shutil
import uuid
from pathlib import Path

UPLOAD_DIR = Path("uploads")


def store_upload(file) -> tuple[Path, Path]:
    """Store an uploaded file and a working copy of it in the same format."""
    original_path = UPLOAD_DIR / f"{uuid.uuid4()}_{Path(file.filename).name}"
    with open(original_path, "wb") as out:
        shutil.copyfileobj(file.file, out)
    copy_path = original_path.with_name(f"{original_path.stem}_copy{original_path.suffix}")
    shutil.copy2(original_path, copy_path)
    return original_path, copy_path

import json
from pathlib import Path


def load_session_token(folder: Path):
    token_file = folder / "session.json"
    if token_file.exists():
        return json.loads(token_file.read_text())
    return None

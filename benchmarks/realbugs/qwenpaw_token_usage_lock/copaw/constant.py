import os
from pathlib import Path

WORKING_DIR = Path(os.environ.get("COPAW_WORKING_DIR", "~/.copaw")).expanduser()
TOKEN_USAGE_FILE = os.environ.get("COPAW_TOKEN_USAGE_FILE", "token_usage.json")

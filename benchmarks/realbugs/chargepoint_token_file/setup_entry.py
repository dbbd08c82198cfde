from pathlib import Path

from token_cache import load_session_token


async def async_setup_entry(hass, entry):
    token = load_session_token(Path(entry["config_dir"]))  # bug
    return token

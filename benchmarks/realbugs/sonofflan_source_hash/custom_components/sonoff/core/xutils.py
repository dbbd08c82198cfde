"""Helpers of the Sonoff integration.

Reproduction of the shape fixed in https://github.com/AlexxIT/SonoffLAN/issues/1426 (commit
211d11ee03eeaf6306d4d6d32a836b9187ccd124, "Fix blocking call inside the event loop #1426": "Detected
blocking call to walk ... at custom_components/sonoff/core/xutils.py, line 14"): the plain helper
source_hash() walks the integration's folder and reads every .py file to hash it (cached in its
__doc__ after the first call); the coroutines system_health_info and setup_debug
(system_health.py) and async_get_config_entry_diagnostics (diagnostics.py) called it on the loop.
The fix ran it with hass.async_add_executor_job(xutils.source_hash) at the three call sites.
"""
from homeassistant.core import HomeAssistant


def source_hash() -> str:
    if source_hash.__doc__:
        return source_hash.__doc__

    try:
        import hashlib
        import os

        m = hashlib.md5()
        path = os.path.dirname(os.path.dirname(__file__))
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for file in sorted(files):
                if not file.endswith(".py"):
                    continue
                path = os.path.join(root, file)
                with open(path, "rb") as f:
                    m.update(f.read())

        source_hash.__doc__ = m.hexdigest()[:7]
        return source_hash.__doc__

    except Exception as e:
        return repr(e)


def system_log_records(hass: HomeAssistant, domain: str) -> list | str:
    try:
        return [
            entry.to_dict()
            for key, entry in hass.data["system_log"].records.items()
            if domain in str(key)
        ]
    except Exception as e:
        return str(e)

"""Constants of an Android TV control library (reproduction, see adb_manager/adb_manager_async.py)."""
DEFAULT_AUTH_TIMEOUT_S = 10.0
DEFAULT_LOCK_TIMEOUT_S = 3.0

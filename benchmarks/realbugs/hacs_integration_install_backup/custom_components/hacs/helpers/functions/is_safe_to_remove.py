"""Stand-in helper (reproduction, see ../methods/installation.py)."""


def is_safe_to_remove(path: str) -> bool:
    return not path.rstrip("/").endswith(("custom_components", "www", "config"))

"""Helpers of the default_config_disabler integration.

Reproduction of the shape reported in https://github.com/tronikos/default_config_disabler/issues/5
(closed as fixed): Home Assistant detected `with open(DEFAULT_CONFIG_MANIFEST_ORIGINAL,
encoding="utf-8") as f:` in helpers.py running inside the event loop, reached from the
integration's async setup through plain helper functions. The fix moved the file work to the
executor.
"""
import json
import os

import homeassistant.components.default_config as default_config

DEFAULT_CONFIG_DIR = os.path.dirname(default_config.__file__)
DEFAULT_CONFIG_MANIFEST = os.path.join(DEFAULT_CONFIG_DIR, "manifest.json")
DEFAULT_CONFIG_MANIFEST_ORIGINAL = DEFAULT_CONFIG_MANIFEST + ".original"


def get_original_dependencies() -> list[str]:
    """The dependencies default_config had before this integration changed them."""
    if not os.path.exists(DEFAULT_CONFIG_MANIFEST_ORIGINAL):
        return []
    with open(DEFAULT_CONFIG_MANIFEST_ORIGINAL, encoding="utf-8") as f:  # bug
        return json.load(f)["dependencies"]


def update_manifest(disabled: list[str]) -> None:
    """Write default_config's manifest without the disabled components."""
    dependencies = [d for d in get_original_dependencies() if d not in disabled]
    with open(DEFAULT_CONFIG_MANIFEST, encoding="utf-8") as f:
        manifest = json.load(f)
    manifest["dependencies"] = dependencies
    with open(DEFAULT_CONFIG_MANIFEST, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)

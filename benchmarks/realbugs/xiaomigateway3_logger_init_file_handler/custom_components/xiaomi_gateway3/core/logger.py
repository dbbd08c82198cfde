"""Optional log file of the integration (see ../__init__.py), configured in YAML:

    xiaomi_gateway3:
      logger:
        filename: xiaomi_gateway3.log
"""
import logging
import os
from logging.handlers import RotatingFileHandler

import voluptuous as vol

CONFIG_SCHEMA = vol.Schema(
    {
        vol.Optional("level", default="debug"): str,
        vol.Optional("filename"): str,
        vol.Optional("max_bytes", default=0): int,
        vol.Optional("backup_count", default=0): int,
    },
    extra=vol.ALLOW_EXTRA,
)


def init(name: str, options: dict, config_dir: str | None = None) -> None:
    """Set the level of the integration's logger and add a rotating file handler if asked."""
    log = logging.getLogger(name)
    log.setLevel(options["level"].upper())
    if not options.get("filename"):
        return
    path = options["filename"]
    if config_dir:
        path = os.path.join(config_dir, path)
    handler = RotatingFileHandler(path, "a", options["max_bytes"], options["backup_count"])
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(name)s] %(message)s"))
    log.addHandler(handler)

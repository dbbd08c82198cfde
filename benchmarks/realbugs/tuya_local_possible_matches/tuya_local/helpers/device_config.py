"""Device configs live as YAML files in a folder of the package; matching walks and parses them."""

from fnmatch import fnmatch
from os import walk
from os.path import dirname, join

from homeassistant.util.yaml import load_yaml

import custom_components.tuya_local.devices as config_dir


class TuyaDeviceConfig:
    def __init__(self, fname):
        self._fname = fname
        self._config = load_yaml(join(dirname(config_dir.__file__), fname))

    def matches(self, dps, product_ids):
        wanted = self._config.get("products", [])
        return any(p.get("id") in (product_ids or []) for p in wanted) or set(dps) >= set(
            self._config.get("dps", [])
        )


def available_configs():
    config_path = dirname(config_dir.__file__)
    for _path, _dirs, files in walk(config_path):
        for basename in sorted(files):
            if fnmatch(basename, "*.yaml"):
                yield basename


def possible_matches(dps, product_ids=None):
    for cfg in available_configs():
        parsed = TuyaDeviceConfig(cfg)
        if parsed.matches(dps, product_ids):
            yield parsed

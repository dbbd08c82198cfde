"""Samsung air conditioner (climate_ip) integration; importing the YAML controller registers it
(reproduction, see controller_yaml.py)."""
from .controller_yaml import YamlController  # noqa: F401

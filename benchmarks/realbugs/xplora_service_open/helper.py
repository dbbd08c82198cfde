import json
import logging

from homeassistant.util.yaml import save_yaml

_LOGGER = logging.getLogger(__name__)


async def create_service_yaml_file(hass, entry, watches):
    language = entry.options.get("language", "en")
    path = hass.config.path("custom_components/xplora_watch/services.yaml")
    path_json = hass.config.path(f"custom_components/xplora_watch/jsons/service_{language}.json")
    try:
        with open(path_json, encoding="utf8") as json_file:  # bug
            configuration = json.load(json_file)
        configuration["watches"] = watches
        save_yaml(path, configuration)
    except OSError:
        _LOGGER.exception("Error writing service definition to path '%s'", path)

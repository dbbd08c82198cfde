from .utils import parse

DOMAIN = "watchman"


def parse_config(hass, reason=None):
    folders = hass.data[DOMAIN]["folders"]
    hass.data[DOMAIN]["entity_list"] = parse(hass, folders, None, hass.config.config_dir)


async def add_event_handlers(hass):
    async def async_on_home_assistant_started(event):
        parse_config(hass, reason="HA restart")  # bug
        await hass.data[DOMAIN]["coordinator"].async_refresh()

    hass.bus.async_listen_once("homeassistant_started", async_on_home_assistant_started)

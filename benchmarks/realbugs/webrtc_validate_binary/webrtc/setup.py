from . import utils


async def async_setup_entry(hass, entry):
    session = hass.data["aiohttp_session"]
    binary = await utils.validate_binary(hass, session, entry.data["url"])
    return bool(binary)

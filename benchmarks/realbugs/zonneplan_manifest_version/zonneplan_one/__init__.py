from . import api

DOMAIN = "zonneplan_one"


async def async_setup_entry(hass, entry, session):
    zonneplan_api = api.AsyncConfigEntryAuth(hass.data["websession"], session)  # bug
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = zonneplan_api
    return True

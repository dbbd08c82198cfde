import json


async def async_load_notes(path):
    with open(path) as handle:  # bug
        return json.load(handle)

"""Config flow of a prayer-times integration that caches the nearby mosques in a data folder.

Reproduction of the shape fixed in
https://github.com/mawaqit/home-assistant/commit/b3faf44236b7dadcc341cb103d7ec339e6ac4585
(report: https://github.com/mawaqit/home-assistant/issues/59): the user step wrote the list of
nearby mosques through a sync helper of the same module that opens a JSON file, on the event loop.
"""

import json
import os

from homeassistant import config_entries

from . import api_wrapper

DATA_DIR = os.path.join(os.path.dirname(os.path.realpath(__file__)), "data")


class PrayerTimesFlow(config_entries.ConfigFlow, domain="prayer_times"):
    VERSION = 1

    async def async_step_user(self, user_input=None):
        if user_input is None:
            return self.async_show_form(step_id="user")
        username = user_input["username"]
        password = user_input["password"]
        if not await api_wrapper.test_credentials(username, password):
            return self.async_show_form(step_id="user", errors={"base": "wrong_credential"})
        token = await api_wrapper.get_api_token(username, password)
        mosques = await api_wrapper.mosques_nearby(
            self.hass.config.latitude, self.hass.config.longitude, token
        )
        write_nearby_mosques(mosques)  # bug
        return await self.async_step_mosques()

    async def async_step_mosques(self, user_input=None):
        return self.async_show_form(step_id="mosques")


def write_nearby_mosques(mosques: list[dict]) -> None:
    with open(os.path.join(DATA_DIR, "nearby_mosques.json"), "w") as handle:
        json.dump(mosques, handle)

"""Set-up of a Home Assistant integration for networked EV chargers.

Reproduction of the shape fixed in https://github.com/hardbyte/ha-evnex/pull/37 (commit
af967c0c590f0b83ac899be717ccdbe27e4ac432, "Add executor calls", after Home Assistant's
"Detected blocking call to open" reports): the async async_setup_entry loaded the saved session
tokens with retrieve_evnex_auth_tokens(hass, entry), and its update coroutine saved them with
persist_evnex_auth_tokens(...) after each successful call and after a re-login; both plain helpers
of the same module check, open, read and write a JSON file. The fix ran both helpers with
hass.async_add_executor_job.
"""
import json
import logging
import os
from datetime import timedelta

from evnex.api import Evnex
from evnex.errors import NotAuthorizedException
from homeassistant.helpers.httpx_client import get_async_client
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .const import DATA_CLIENT, DATA_COORDINATOR, DOMAIN, TOKEN_FILE_NAME

_LOGGER = logging.getLogger(__package__)


def persist_evnex_auth_tokens(hass, entry, id_token=None, refresh_token=None, access_token=None):
    file = os.path.join(hass.config.config_dir, TOKEN_FILE_NAME)
    session_dict = {}
    if os.path.isfile(file):
        with open(file, "r") as spf:
            try:
                session_dict = json.load(spf)
            except json.decoder.JSONDecodeError:
                _LOGGER.error("Failed to load existing session data, overwriting!")
    session_dict[entry.entry_id] = {
        "id_token": id_token,
        "refresh_token": refresh_token,
        "access_token": access_token,
    }
    with open(os.open(file, os.O_CREAT | os.O_WRONLY, 0o600), "w") as spf:
        json.dump(session_dict, spf)


def retrieve_evnex_auth_tokens(hass, entry):
    file = os.path.join(hass.config.config_dir, TOKEN_FILE_NAME)
    if os.path.isfile(file):
        with open(file, "r") as spf:
            try:
                return json.load(spf).get(entry.entry_id)
            except json.decoder.JSONDecodeError:
                _LOGGER.error("Failed to decode JSON session data in %s", file)
    return None


async def async_setup_entry(hass, entry):
    """Load the saved tokens, log in and start polling the chargers."""
    username = entry.data["username"]
    password = entry.data["password"]

    evnex_auth_tokens = retrieve_evnex_auth_tokens(hass, entry)  # bug
    evnex_auth_tokens = {} if evnex_auth_tokens is None else evnex_auth_tokens

    evnex_client = await hass.async_add_executor_job(
        Evnex,
        username,
        password,
        evnex_auth_tokens.get("id_token"),
        evnex_auth_tokens.get("refresh_token"),
        evnex_auth_tokens.get("access_token"),
        None,
        get_async_client(hass),
    )
    hass.data.setdefault(DOMAIN, {})

    async def async_update_data(is_retry: bool = False):
        data = {"user": None, "charge_points": {}}
        try:
            account = await evnex_client.get_user_detail()
            persist_evnex_auth_tokens(  # bug
                hass,
                entry,
                evnex_client.id_token,
                evnex_client.refresh_token,
                evnex_client.access_token,
            )
            data["user"] = account
            for org in account.organisations:
                data["charge_points"][org.id] = await evnex_client.get_org_charge_points(org.slug)
            return data
        except NotAuthorizedException:
            if not is_retry:
                await hass.async_add_executor_job(evnex_client.authenticate)
                persist_evnex_auth_tokens(  # bug
                    hass,
                    entry,
                    evnex_client.id_token,
                    evnex_client.refresh_token,
                    evnex_client.access_token,
                )
                return await async_update_data(is_retry=True)
            raise
        except Exception as err:
            raise UpdateFailed from err

    coordinator = DataUpdateCoordinator(
        hass,
        _LOGGER,
        name=DOMAIN,
        update_method=async_update_data,
        update_interval=timedelta(minutes=3),
    )
    await coordinator.async_config_entry_first_refresh()
    hass.data[DOMAIN][entry.entry_id] = {DATA_CLIENT: evnex_client, DATA_COORDINATOR: coordinator}
    return True

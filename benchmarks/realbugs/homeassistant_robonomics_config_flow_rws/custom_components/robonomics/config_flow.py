"""Config flow for Robonomics Control integration.

Reproduction of the shape fixed in https://github.com/airalab/homeassistant-robonomics-integration/pull/58
(commit 0723400d86f2a58174e55b9be4bee763d239a9cf, "Config flow blocking calls fix"): the coroutine
_validate_input (awaited by the flow's async_step_user) calls the plain helpers
_has_sub_owner_subscription and _is_sub_admin_in_subscription of the same module, which build an
RWS of the robonomics-interface package and query the parachain synchronously (rws.get_ledger,
rws.is_in_sub). The fix made both helpers async and ran the RWS queries with
hass.async_add_executor_job; the two query lines and the two call lines are marked.
robonomicsinterface/ is a stand-in for the package.
"""
from __future__ import annotations

import logging
from typing import Any

import voluptuous as vol
from homeassistant import config_entries
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResult
from robonomicsinterface import RWS, Account

from .const import CONF_ADMIN_SEED, CONF_SUB_OWNER_ADDRESS, DOMAIN
from .exceptions import ControllerNotInDevices, InvalidSubAdminSeed, NoSubscription

_LOGGER = logging.getLogger(__name__)

STEP_USER_DATA_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_ADMIN_SEED): str,
        vol.Required(CONF_SUB_OWNER_ADDRESS): str,
    }
)


def _has_sub_owner_subscription(sub_owner_address: str) -> bool:
    rws = RWS(Account())
    res = rws.get_ledger(sub_owner_address)  # bug
    if res is None:
        return False
    return True


def _is_sub_admin_in_subscription(sub_admin_seed: str, sub_owner_address: str) -> bool:
    rws = RWS(Account(sub_admin_seed, crypto_type=2))
    res = rws.is_in_sub(sub_owner_address)  # bug
    return res


def _is_valid_sub_admin_seed(sub_admin_seed: str) -> ValueError | None:
    try:
        Account(sub_admin_seed)
    except Exception as e:
        return e
    return None


async def _validate_input(hass: HomeAssistant, data: dict[str, Any]) -> dict[str, Any]:
    if await hass.async_add_executor_job(_is_valid_sub_admin_seed, data[CONF_ADMIN_SEED]):
        raise InvalidSubAdminSeed
    if not _has_sub_owner_subscription(data[CONF_SUB_OWNER_ADDRESS]):  # bug
        raise NoSubscription
    if not _is_sub_admin_in_subscription(data[CONF_ADMIN_SEED], data[CONF_SUB_OWNER_ADDRESS]):  # bug
        raise ControllerNotInDevices
    return {"title": "Robonomics"}


class ConfigFlow(config_entries.ConfigFlow, domain=DOMAIN):
    VERSION = 1

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> FlowResult:
        if user_input is None:
            return self.async_show_form(step_id="user", data_schema=STEP_USER_DATA_SCHEMA)
        errors = {}
        try:
            info = await _validate_input(self.hass, user_input)
        except NoSubscription:
            errors["base"] = "has_no_subscription"
        except ControllerNotInDevices:
            errors["base"] = "is_not_in_devices"
        except InvalidSubAdminSeed:
            errors["base"] = "invalid_sub_admin_seed"
        else:
            return self.async_create_entry(title=info["title"], data=user_input)
        return self.async_show_form(step_id="user", data_schema=STEP_USER_DATA_SCHEMA, errors=errors)

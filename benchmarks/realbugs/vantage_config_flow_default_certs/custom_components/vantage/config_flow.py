"""Config flow for Vantage InFusion Controller integration.

Reproduction of the shape fixed in https://github.com/loopj/home-assistant-vantage/issues/251
(commit 406bb63816d3c86ec7da4fd2282013e6c29d2c4d, "Set global ssl context factory on Vantage
clients, fixes #251"): the config flow steps async_step_user and async_step_zeroconf await
aiovantage's get_controller_details (aiovantage/ is a stand-in), which opens the controller's TLS
port with a fresh ssl.create_default_context(), whose load_default_certs reads the CA bundle on
the event loop (Home Assistant's "Detected blocking call to load_default_certs"). The fix gave
aiovantage Home Assistant's prebuilt no-verify context through a global factory.
"""
from typing import Any

import voluptuous as vol
from aiovantage.discovery import (
    VantageControllerDetails,
    get_controller_details,
    get_serial_from_hostname,
)
from homeassistant import config_entries
from homeassistant.components import zeroconf
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.const import CONF_HOST

from .const import DOMAIN

USER_SCHEMA = vol.Schema({vol.Required(CONF_HOST): str})


class ConfigFlow(config_entries.ConfigFlow, domain=DOMAIN):
    """Config flow for Vantage InFusion integration."""

    VERSION = 1

    controller: VantageControllerDetails | None = None

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Handle a flow initiated by the user."""
        if user_input is None:
            return self.async_show_form(step_id="user", data_schema=USER_SCHEMA)
        self._async_abort_entries_match({CONF_HOST: user_input[CONF_HOST]})

        # Get information about the controller, show an error if it cannot be reached
        self.controller = await get_controller_details(user_input[CONF_HOST])  # bug
        if self.controller is None:
            return self.async_show_form(step_id="user", data_schema=USER_SCHEMA, errors={"base": "cannot_connect"})
        return await self.async_finish()

    async def async_step_zeroconf(self, discovery_info: zeroconf.ZeroconfServiceInfo) -> ConfigFlowResult:
        """Handle a flow initiated by zeroconf discovery."""
        serial_number = get_serial_from_hostname(discovery_info.hostname)
        if serial_number is None:
            return self.async_abort(reason="unknown")
        await self.async_set_unique_id(serial_number)
        self._abort_if_unique_id_configured(updates={CONF_HOST: discovery_info.host})

        self.controller = await get_controller_details(discovery_info.host)  # bug
        if self.controller is None:
            return self.async_abort(reason="cannot_connect")
        return await self.async_finish()

    async def async_finish(self) -> ConfigFlowResult:
        assert self.controller is not None
        return self.async_create_entry(title=self.controller.host, data={CONF_HOST: self.controller.host})

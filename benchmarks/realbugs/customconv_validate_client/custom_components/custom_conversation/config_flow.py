"""Config flow for Custom Conversation.

Reproduction of the shape reported in https://github.com/michelle-avery/custom-conversation/issues/31
(Detected blocking call to load_verify_locations ... at config_flow.py, line 401:
client = openai.AsyncOpenAI() and fixed by https://github.com/michelle-avery/custom-conversation/pull/32
("Move client creation on reconfigure to executor"): the module-level async validate_input, awaited
by the config flow's steps, built openai.AsyncOpenAI(api_key=..., base_url=...), whose httpx client
creates an SSL context and loads the certificate bundle on the event loop. The fix built the client
in hass.async_add_executor_job.
"""

from __future__ import annotations

import logging
from typing import Any

import openai
import voluptuous as vol

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant

from .const import (
    CONF_BASE_URL,
    DOMAIN,
    RECOMMENDED_BASE_URL,
    RECOMMENDED_OPTIONS,
)

_LOGGER = logging.getLogger(__name__)

STEP_USER_DATA_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_API_KEY): str,
        vol.Required(CONF_BASE_URL, default=RECOMMENDED_BASE_URL): str,
    }
)


async def validate_input(hass: HomeAssistant, data: dict[str, Any]) -> None:
    """Validate the user input allows us to connect.

    Data has the keys from STEP_USER_DATA_SCHEMA with values provided by the user.
    """
    client = openai.AsyncOpenAI(  # bug
        api_key=data[CONF_API_KEY], base_url=data[CONF_BASE_URL]
    )
    await hass.async_add_executor_job(client.with_options(timeout=10.0).models.list)


class CustomConversationConfigFlow(ConfigFlow, domain=DOMAIN):
    """Handle a config flow for Custom Conversation."""

    VERSION = 1

    async def _validate_entry(
        self, user_input: dict[str, Any], step_id: str
    ) -> ConfigFlowResult:
        """Validate input and create entry if valid."""
        errors: dict[str, str] = {}

        try:
            await validate_input(self.hass, user_input)
        except openai.APIConnectionError:
            errors["base"] = "cannot_connect"
        except openai.AuthenticationError:
            errors["base"] = "invalid_auth"
        except Exception:  # pylint: disable=broad-except
            _LOGGER.exception("Unexpected exception")
            errors["base"] = "unknown"
        return errors

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Handle the initial step."""
        if user_input is None:
            return self.async_show_form(
                step_id="user", data_schema=STEP_USER_DATA_SCHEMA
            )

        errors = await self._validate_entry(user_input, "user")

        if errors:
            return self.async_show_form(
                step_id="user",
                data_schema=STEP_USER_DATA_SCHEMA,
                errors=errors,
            )

        return self.async_create_entry(
            title="CustomConversation",
            data=user_input,
            options=RECOMMENDED_OPTIONS,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Handle reconfiguration of the integration."""
        if user_input is None:
            return self.async_show_form(
                step_id="reconfigure",
                data_schema=STEP_USER_DATA_SCHEMA,
            )

        errors = await self._validate_entry(user_input, "reconfigure")

        if errors:
            return self.async_show_form(
                step_id="reconfigure",
                data_schema=STEP_USER_DATA_SCHEMA,
                errors=errors,
            )

        return self.async_update_reload_and_abort(
            self._get_reconfigure_entry(), data_updates=user_input
        )

    @staticmethod
    def async_get_options_flow(
        config_entry: ConfigEntry,
    ) -> OptionsFlow:
        """Create the options flow."""
        return OptionsFlow()

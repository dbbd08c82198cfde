"""Config flow for Hildebrand Glow integration (reproduction, see glow.py)."""
from typing import Any, Dict

from homeassistant import config_entries, core

from .const import DOMAIN
from .glow import CannotConnect, Glow, InvalidAuth


async def validate_input(hass: core.HomeAssistant, data: dict) -> Dict[str, Any]:
    glow = await Glow.authenticate(data["app_id"], data["username"], data["password"])
    return {"name": glow["name"], "app_id": data["app_id"], "token": glow["token"]}


class ConfigFlow(config_entries.ConfigFlow, domain=DOMAIN):
    VERSION = 1

    async def async_step_user(self, user_input: Dict = None) -> Dict[str, Any]:
        errors = {}
        if user_input is not None:
            try:
                info = await validate_input(self.hass, user_input)
                return self.async_create_entry(title=info["name"], data=info)
            except CannotConnect:
                errors["base"] = "cannot_connect"
            except InvalidAuth:
                errors["base"] = "invalid_auth"
        return self.async_show_form(step_id="user", errors=errors)

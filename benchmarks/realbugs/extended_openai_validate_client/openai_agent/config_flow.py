from homeassistant import config_entries

from .helpers import validate_authentication


class AgentConfigFlow(config_entries.ConfigFlow, domain="openai_agent"):
    VERSION = 1

    async def async_step_user(self, user_input=None):
        if user_input is None:
            return self.async_show_form(step_id="user")
        errors = {}
        try:
            await validate_authentication(
                self.hass,
                api_key=user_input["api_key"],
                base_url=user_input.get("base_url"),
                api_version=user_input.get("api_version"),
            )
        except Exception:
            errors["base"] = "invalid_auth"
            return self.async_show_form(step_id="user", errors=errors)
        return self.async_create_entry(title="OpenAI agent", data=user_input)

"""Config flow of Home Assistant's pitboss integration, reduced (reproduction, see
../pytboss/grills.py)."""
import voluptuous as vol
from homeassistant.config_entries import ConfigFlow

from pytboss import grills


class PitbossConfigFlow(ConfigFlow, domain="pitboss"):
    def __init__(self):
        self._discovery_info = None

    async def async_step_bluetooth_confirm(self, user_input=None):
        control_board = self._discovery_info.name
        models = [g.name for g in grills.get_grills(control_board=control_board)]
        if user_input is not None:
            return self.async_create_entry(title=user_input["model"], data=user_input)
        return self.async_show_form(step_id="bluetooth_confirm",
                                    data_schema=vol.Schema({vol.Required("model"): vol.In(models)}))

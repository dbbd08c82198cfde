"""Config flow (reproduction, see init_ui.py)."""
import importlib
import inspect

from homeassistant.config_entries import ConfigFlow

from .const import DOMAIN


class WasteCollectionConfigFlow(ConfigFlow, domain=DOMAIN):
    VERSION = 2
    _source = None

    async def async_step_args(self, args_input=None):
        module = importlib.import_module(f"waste_collection_schedule.source.{self._source}")  # bug
        title = module.TITLE
        args = dict(inspect.signature(module.Source.__init__).parameters)
        args.pop("self")
        if args_input is not None:
            return self.async_create_entry(title=title, data={"name": self._source, "args": args_input})
        return self.async_show_form(step_id="args", description_placeholders={"title": title})

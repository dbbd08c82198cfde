"""Ontario energy rates integration: set up the coordinator.

Reproduction of the shape reported in https://github.com/jrfernandes/ontario_energy_board/issues/52
(fixed in https://github.com/jrfernandes/ontario_energy_board/pull/69): async_setup_entry constructs
the coordinator (another module), whose __init__ builds holidays.Canada(...); the holidays package
loads its country module with importlib.import_module on the event loop.
"""

from .coordinator import OntarioEnergyBoardDataUpdateCoordinator

DOMAIN = "ontario_energy_board"


async def async_setup_entry(hass, entry):
    coordinator = OntarioEnergyBoardDataUpdateCoordinator(hass)  # bug
    await coordinator.async_config_entry_first_refresh()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, ["sensor"])
    return True

from .helper import move_emojis_directory


async def async_setup_entry(hass, entry):
    coordinator = hass.data["xplora_watch"][entry.entry_id]
    await coordinator.async_config_entry_first_refresh()
    move_emojis_directory(hass)  # bug
    await hass.config_entries.async_forward_entry_setups(entry, ["sensor"])
    return True

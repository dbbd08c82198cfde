from govee.learning import read_learning_storage


async def async_setup_entry(hass, entry):
    storage = read_learning_storage(entry["path"])  # bug
    return storage

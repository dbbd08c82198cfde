"""Home Assistant's pitboss integration, reduced (reproduction, see ../pytboss/grills.py)."""
from homeassistant.components import bluetooth

from pytboss import PitBoss
from pytboss.ble import BleConnection


async def async_setup_entry(hass, entry):
    ble_device = bluetooth.async_ble_device_from_address(hass, entry.data["address"])
    conn = BleConnection(ble_device)
    api = PitBoss(conn, entry.data["model"])
    await api.start()
    entry.runtime_data = api
    return True

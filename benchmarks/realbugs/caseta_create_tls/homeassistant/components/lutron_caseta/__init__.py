"""Lutron Caseta integration setup, the caller of the library (reproduction, see
src/pylutron_caseta/smartbridge.py; shape of Home Assistant's lutron_caseta async_setup_entry)."""
from pylutron_caseta.smartbridge import Smartbridge

CONF_KEYFILE = "keyfile"
CONF_CERTFILE = "certfile"
CONF_CA_CERTS = "ca_certs"


async def async_setup_entry(hass, config_entry) -> bool:
    host = config_entry.data["host"]
    keyfile = hass.config.path(config_entry.data[CONF_KEYFILE])
    certfile = hass.config.path(config_entry.data[CONF_CERTFILE])
    ca_certs = hass.config.path(config_entry.data[CONF_CA_CERTS])

    bridge = Smartbridge.create_tls(hostname=host, keyfile=keyfile, certfile=certfile, ca_certs=ca_certs)  # bug
    await bridge.connect()
    hass.data.setdefault("lutron_caseta", {})[config_entry.entry_id] = bridge
    return True

"""OIG Cloud integration: sets up OpenTelemetry tracing and logging at entry set-up.

Reproduction of the shape reported in https://github.com/psimsa/oig_cloud/issues/68 (closed):
Home Assistant detected a blocking listdir of site-packages inside the event loop at
shared/shared.py `resource = Resource.create(` (OpenTelemetry's Resource.create reads the installed
distributions' metadata through importlib.metadata); async_setup_entry called setup_tracing and
setup_otel_logging (two modules of shared/), each of which calls get_resource.
"""
import hashlib
import logging

from homeassistant import config_entries, core

from .api import oig_cloud_api
from .const import CONF_NO_TELEMETRY, CONF_PASSWORD, CONF_USERNAME, DOMAIN
from .shared.logging import setup_otel_logging
from .shared.tracing import setup_tracing


async def async_setup_entry(hass: core.HomeAssistant, entry: config_entries.ConfigEntry):
    username = entry.data[CONF_USERNAME]
    password = entry.data[CONF_PASSWORD]
    no_telemetry = bool(entry.data.get(CONF_NO_TELEMETRY))

    if no_telemetry is False:
        email_hash = hashlib.sha256(username.encode("utf-8")).hexdigest()
        hass_id = hashlib.sha256(hass.data["core.uuid"].encode("utf-8")).hexdigest()

        setup_tracing(email_hash, hass_id)  # bug
        api_logger = logging.getLogger(oig_cloud_api.__name__)
        api_logger.addHandler(setup_otel_logging(email_hash, hass_id))  # bug

    oig_api = oig_cloud_api.OigCloudApi(username, password, no_telemetry, hass)
    await oig_api.authenticate()
    hass.data[DOMAIN][entry.entry_id] = oig_api
    return True

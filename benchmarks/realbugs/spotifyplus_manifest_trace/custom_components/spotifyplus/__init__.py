"""Set-up of a Home Assistant integration for Spotify with a SmartInspect trace log.

Reproduction of the shape fixed in
https://github.com/thlucas1/homeassistantcomponent_spotifyplus/issues/19 (commit
56d40cb50ae2b2d542c6ea70277be477acc26657, release 1.0.20: "Changed logic to access local file system
files via a `hass.async_add_executor_job` call. This fixes the issue of `Detected blocking call to
open inside the event loop`"): when verbose tracing is on, the async async_setup logs the
integration's manifest.json with `_logsi.LogTextFile(...)`, a method of the trace session object of
another package (smartinspectpython's SISession, built at import time) that opens and reads the
file on the event loop. The fix moved the call into a plain helper run with
hass.async_add_executor_job.
"""
from __future__ import annotations

import logging

from urllib3._version import __version__ as urllib3_version

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.typing import ConfigType

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)

try:
    from smartinspectpython.siauto import SIAuto, SILevel, SISession, SIConfigurationTimer

    siConfigPath: str = "./smartinspect.cfg"
    SIAuto.Si.LoadConfiguration(siConfigPath)
    siConfig: SIConfigurationTimer = SIConfigurationTimer(SIAuto.Si, siConfigPath)

    _logsi: SISession = SIAuto.Si.GetSession(__name__)
    if _logsi == None:
        _logsi = SIAuto.Si.AddSession(__name__, True)
    _logsi.SystemLogger = _LOGGER
    _logsi.LogVerbose("__init__.py HAS SpotifyPlus: initialization")
except Exception as ex:
    _LOGGER.warning("SpotifyPlus could not initialize SmartInspect logging: %s", ex)
    raise


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    try:
        _logsi.EnterMethod(SILevel.Debug)
        if _logsi.IsOn(SILevel.Verbose):
            _logsi.LogVerbose("Component async_setup starting")

            myConfigDir: str = "%s/custom_components/%s" % (hass.config.config_dir, DOMAIN)
            myManifestPath: str = "%s/manifest.json" % (myConfigDir)
            _logsi.LogTextFile(SILevel.Verbose, "Integration Manifest File (%s)" % myManifestPath, myManifestPath)  # bug

            _logsi.LogValue(SILevel.Verbose, "urllib3 version", urllib3_version)
            for item in config:
                _logsi.LogObject(SILevel.Verbose, "ConfigType '%s' data" % str(item), config[item])
        hass.data.setdefault(DOMAIN, {})
        return True
    finally:
        _logsi.LeaveMethod(SILevel.Debug)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    hass.data[DOMAIN][entry.entry_id] = entry.data
    await hass.config_entries.async_forward_entry_setups(entry, ["media_player"])
    return True

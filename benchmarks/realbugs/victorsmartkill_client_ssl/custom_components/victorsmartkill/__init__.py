"""Victor Smart-Kill integration: a coordinator polling the trap cloud API.

Reproduction of the shape fixed in
https://github.com/toreamun/victorsmartkill-homeassistant/pull/56 ("Use hass ssl context",
commit 6a55f8b): the coordinator's __init__, called from the async _async_initialize_coordinator
awaited by async_setup_entry, built victor_smart_kill.VictorAsyncClient(username, password) (an
httpx.AsyncClient of the installed library), which creates its default SSL context and loads the
certificate bundle on the event loop; the fix passes Home Assistant's shared client_context().
"""
from __future__ import annotations

import datetime as dt
import logging

import victor_smart_kill as victor
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

_LOGGER = logging.getLogger(__name__)
DOMAIN = "victorsmartkill"
PLATFORMS = ["sensor", "binary_sensor"]


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    coordinator = await _async_initialize_coordinator(hass, entry)
    entry.runtime_data = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, coordinator.platforms)
    return True


class VictorSmartKillDataUpdateCoordinator(DataUpdateCoordinator[list[victor.Trap]]):
    def __init__(
        self,
        hass: HomeAssistant,
        logger: logging.Logger,
        update_interval: dt.timedelta,
        username: str,
        password: str,
        platforms: list[str],
    ) -> None:
        self.platforms = platforms
        self._client = victor.VictorAsyncClient(username, password)  # bug
        self._api = victor.VictorApi(self._client)
        super().__init__(
            hass, logger, update_method=self.async_update_data, name=DOMAIN, update_interval=update_interval
        )

    async def async_update_data(self) -> list[victor.Trap]:
        return await self._api.get_traps()

    async def async_close(self) -> None:
        await self._client.aclose()


async def _async_initialize_coordinator(
    hass: HomeAssistant, entry: ConfigEntry
) -> VictorSmartKillDataUpdateCoordinator:
    username = entry.data.get(CONF_USERNAME)
    password = entry.data.get(CONF_PASSWORD)
    update_interval = dt.timedelta(minutes=10)

    coordinator = VictorSmartKillDataUpdateCoordinator(  # bug
        hass, _LOGGER, update_interval, str(username), str(password), PLATFORMS
    )
    await coordinator.async_refresh()
    if not coordinator.last_update_success:
        await coordinator.async_close()
        raise ConfigEntryNotReady
    return coordinator

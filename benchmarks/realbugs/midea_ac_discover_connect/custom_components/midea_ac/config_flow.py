"""Config flow for Midea Smart AC.

Reproduction of the shape reported in https://github.com/mill1000/midea-ac-py/issues/311 (Detected
blocking call to load_verify_locations ... at custom_components/midea_ac/config_flow.py, line 135:
if await Discover.connect(device):, offender ssl.py create_default_context) and fixed by
https://github.com/mill1000/midea-ac-py/pull/316 ("Use HA helper to get httpx AsyncClient for
discovery"): the discovery steps of the config flow awaited Discover.discover_single / discover and
Discover.connect of the msmart-ng library (installed, not in the repository), whose cloud login
builds an httpx.AsyncClient, loading certificates on the event loop. The fix passed
get_async_client=self._get_async_client (Home Assistant's shared client) to the discovery calls.
"""
from __future__ import annotations

from typing import Any, Optional, cast

import voluptuous as vol
from homeassistant.config_entries import ConfigEntry, ConfigFlow
from homeassistant.const import (CONF_COUNTRY_CODE, CONF_HOST, CONF_ID,
                                 CONF_PORT, CONF_TOKEN)
from homeassistant.data_entry_flow import FlowResult
from homeassistant.helpers.selector import (CountrySelector,
                                            CountrySelectorConfig)
from msmart.const import DeviceType
from msmart.device import AirConditioner as AC
from msmart.discover import Discover

from .const import (CONF_CLOUD_COUNTRY_CODES, CONF_DEFAULT_CLOUD_COUNTRY,
                    CONF_KEY, DOMAIN)

_CLOUD_CREDENTIALS = {
    "DE": ("midea_eu@mailinator.com", "das_ist_passwort1"),
    "KR": ("midea_sea@mailinator.com", "password_for_sea1")
}


class MideaConfigFlow(ConfigFlow, domain=DOMAIN):
    """Config flow for Midea Smart AC."""

    VERSION = 1
    MINOR_VERSION = 3

    async def async_step_user(self, _) -> FlowResult:
        """Handle a config flow initialized by the user."""
        return self.async_show_menu(
            step_id="user",
            menu_options=["discover", "manual"],
        )

    async def async_step_discover(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Handle the discovery step of config flow."""
        errors = {}

        if user_input is not None:
            country_code = cast(str, user_input.get(CONF_COUNTRY_CODE))

            # If host was not provided, discover all devices
            if not (host := user_input.get(CONF_HOST)):
                return await self.async_step_pick_device(country_code=country_code)

            # Get credentials for region
            account, password = _CLOUD_CREDENTIALS.get(
                country_code, (None, None))

            # Attempt to find specified device
            device = await Discover.discover_single(host,
                                                    auto_connect=False,
                                                    timeout=2,
                                                    account=account,
                                                    password=password)

            if device is None:
                errors["base"] = "device_not_found"
            elif device.type != DeviceType.AIR_CONDITIONER:
                errors["base"] = "unsupported_device"
            else:
                # Check if device has already been configured
                await self.async_set_unique_id(str(device.id))
                self._abort_if_unique_id_configured()

                # Finish connection
                if await Discover.connect(device):  # bug
                    return await self._create_entry_from_device(device)
                else:
                    # Indicate a connection could not be made
                    return self.async_abort(reason="cannot_connect")

        data_schema = self.add_suggested_values_to_schema(
            vol.Schema({
                vol.Optional(CONF_HOST, default=""): str,
                vol.Optional(
                    CONF_COUNTRY_CODE, default=CONF_DEFAULT_CLOUD_COUNTRY
                ): CountrySelector(
                    CountrySelectorConfig(
                        countries=CONF_CLOUD_COUNTRY_CODES)
                ),
            }), user_input)

        return self.async_show_form(step_id="discover",
                                    data_schema=data_schema, errors=errors)

    async def async_step_pick_device(
        self, user_input: dict[str, Any] | None = None,
        *,
        country_code: str = CONF_DEFAULT_CLOUD_COUNTRY
    ) -> FlowResult:
        """Handle the pick device step of config flow."""

        if user_input is not None:
            # Find selected device
            device = next(dev
                          for dev in self._discovered_devices
                          if dev.id == user_input[CONF_ID])

            if device:
                # Check if device has already been configured
                await self.async_set_unique_id(str(device.id))
                self._abort_if_unique_id_configured()

                # Finish connection
                if await Discover.connect(device):  # bug
                    return await self._create_entry_from_device(device)
                else:
                    # Indicate a connection could not be made
                    return self.async_abort(reason="cannot_connect")

        # Create a set of already configured devices by ID
        configured_devices = {
            entry.unique_id for entry in self._async_current_entries()
        }

        # Get credentials for region
        account, password = _CLOUD_CREDENTIALS.get(country_code, (None, None))

        # Discover all devices
        self._discovered_devices = await Discover.discover(
            auto_connect=False,
            timeout=2,
            account=account,
            password=password)

        # Create dict of device ID to friendly name
        devices_name = {
            device.id: (
                f"{device.name} - {device.id} ({device.ip})"
            )
            for device in self._discovered_devices
            if (str(device.id) not in configured_devices and
                device.type == DeviceType.AIR_CONDITIONER)
        }

        # Check if there is at least one device
        if len(devices_name) == 0:
            return self.async_abort(reason="no_devices_found")

        data_schema = vol.Schema({
            vol.Required(CONF_ID): vol.In(devices_name)
        })

        return self.async_show_form(step_id="pick_device",
                                    data_schema=data_schema)

    async def _test_manual_connection(self, config) -> Optional[AC]:
        # Construct the device
        id = config.get(CONF_ID)
        port = config.get(CONF_PORT)
        host = config.get(CONF_HOST)
        device = AC(ip=host, port=port, device_id=int(id))

        # Configure token and k1 as needed
        token = config.get(CONF_TOKEN)
        key = config.get(CONF_KEY)
        if token and key:
            success = await device.authenticate(token, key)
        else:
            await device.refresh()
            success = device.online

        return device if success else None

    async def _create_entry_from_device(self, device) -> FlowResult:
        """Create a config entry from a device."""
        data = {
            CONF_ID: device.id,
            CONF_HOST: device.ip,
            CONF_PORT: device.port,
            CONF_TOKEN: device.token,
            CONF_KEY: device.key,
        }
        return self.async_create_entry(title=f"{DOMAIN} {device.id}", data=data)

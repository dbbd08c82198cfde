"""Config flow for Midea LAN.

Reproduction of the shape fixed in https://github.com/wuwentao/midea_ac_lan/pull/915 (commit
3e1e1010876cccc0fffbb9180e56da7cd1d731a7, "fix(config_flow): run blocking socket I/O in executor
jobs"): the async config-flow steps async_step_list and async_step_discovery call discover() of the
midea-local package (a UDP broadcast with a timeout), and the coroutine _check_key_from_cloud builds
a midealocal MideaDevice and calls its synchronous dm.connect() and dm.authenticate() (TCP socket
I/O). The fix ran discover() with hass.async_add_executor_job and moved the connect/authenticate
sequence into a static helper run in the executor; the changed lines of these three coroutines are
marked (the manual step's same calls, also changed, are left out of the reproduction). The
midealocal/ folder is a stand-in for the package.
"""
import logging
from typing import Any

import voluptuous as vol
from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_IP_ADDRESS, CONF_PORT, CONF_TYPE
from midealocal.cloud import MideaCloud
from midealocal.device import AuthException, MideaDevice, ProtocolVersion
from midealocal.discover import discover
from midealocal.exceptions import SocketException

from .const import CONF_MODEL, DOMAIN

_LOGGER = logging.getLogger(__name__)


class MideaLanConfigFlow(ConfigFlow, domain=DOMAIN):
    VERSION = 2

    def __init__(self) -> None:
        self.devices: dict = {}
        self.available_device: dict = {}
        self.supports: dict = {0xAC: "Air Conditioner"}
        self.cloud: MideaCloud | None = None

    def _already_configured(self, device_id: str, ip_address: str) -> bool:
        return any(
            entry.data.get("device_id") == device_id or entry.data.get(CONF_IP_ADDRESS) == ip_address
            for entry in self._async_current_entries()
        )

    async def async_step_list(self, error: str | None = None) -> ConfigFlowResult:
        all_devices = discover()  # bug
        if len(all_devices) > 0:
            table = "Appliance code|Type|IP address|SN|Supported\n:--:|:--:|:--:|:--:|:--:"
            for device_id, device in all_devices.items():
                supported = device.get(CONF_TYPE) in self.supports
                table += f"\n{device_id}|{device.get(CONF_TYPE):02X}|{device.get(CONF_IP_ADDRESS)}|{supported}"
        else:
            table = "Not found"
        return self.async_show_form(
            step_id="list",
            description_placeholders={"table": table},
            errors={"base": error} if error else None,
        )

    async def async_step_discovery(
        self,
        discovery_info: dict[str, Any] | None = None,
        error: str | None = None,
    ) -> ConfigFlowResult:
        if discovery_info is not None:
            if discovery_info[CONF_IP_ADDRESS].lower() == "auto":
                ip_address = None
            else:
                ip_address = discovery_info[CONF_IP_ADDRESS]
            self.devices = discover(list(self.supports.keys()), ip_address=ip_address)  # bug
            self.available_device = {}
            for device_id, device in self.devices.items():
                if not self._already_configured(str(device_id), device[CONF_IP_ADDRESS]):
                    self.available_device[device_id] = f"{device_id} ({self.supports.get(device.get(CONF_TYPE))})"
            if len(self.available_device) > 0:
                return await self.async_step_auto()
            return await self.async_step_discovery(error="no_devices")
        return self.async_show_form(
            step_id="discovery",
            data_schema=vol.Schema({vol.Required(CONF_IP_ADDRESS, default="auto"): str}),
            errors={"base": error} if error else None,
        )

    async def async_step_auto(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        if user_input is not None:
            appliance_id = int(user_input["device"])
            keys = await self._check_key_from_cloud(appliance_id)
            if "error" in keys:
                return await self.async_step_discovery(error=keys["error"])
            return self.async_create_entry(title=str(appliance_id), data={"device_id": appliance_id, **keys})
        return self.async_show_form(
            step_id="auto",
            data_schema=vol.Schema({vol.Required("device"): vol.In(self.available_device)}),
        )

    async def _check_key_from_cloud(self, appliance_id: int, default_key: bool = True) -> dict[str, Any]:
        device = self.devices[appliance_id]
        if self.cloud is None:
            return {"error": "cloud_none"}
        keys = await self.cloud.get_cloud_keys(appliance_id)
        default_keys = await MideaCloud.get_default_keys()
        for k, value in keys.items():
            if not default_key and k == next(iter(default_keys)):
                continue
            dm = MideaDevice(
                name="",
                device_id=appliance_id,
                device_type=device.get(CONF_TYPE),
                ip_address=device.get(CONF_IP_ADDRESS),
                port=device.get(CONF_PORT),
                token=value["token"],
                key=value["key"],
                device_protocol=ProtocolVersion.V3,
                model=device.get(CONF_MODEL),
                subtype=0,
                attributes={},
            )
            if dm.connect():  # bug
                try:
                    dm.authenticate()  # bug
                except AuthException:
                    _LOGGER.debug("Unable to authenticate.")
                    dm.close_socket()
                except SocketException:
                    _LOGGER.debug("Socket closed.")
                else:
                    dm.close_socket()
                    return value
            _LOGGER.debug("connect device using method %s token/key failed", k)
        return {"error": "connect_error"}

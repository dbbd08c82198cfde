"""The client used to talk Modbus.

Reproduction of the shape fixed in https://github.com/nathanmarlor/foxess_modbus/issues/618 ("Detected
blocking call to import_module inside the event loop by custom integration 'foxess_modbus' at
custom_components/foxess_modbus/client/modbus_client.py, line 203: if auto_connect and
hasattr(self._client, "connected") and not self._client.connected: (offender: serial/__init__.py,
line 74: importlib.import_module(package_name))"), fixed by commit
a0ca72bb5eaa38824c0328bd0d11f1cb4ceee210 ("Move call to import_module off event loop", PR #631): the
coroutine _async_pymodbus_call reads the `connected` property of the synchronous pymodbus client
built in __init__ from the _CLIENTS table (ModbusSerialClient for a pollserial:// port), which calls
serial.serial_for_url and so importlib.import_module, on the event loop. The fix moved the check into
the function run with hass.async_add_executor_job; the line is marked.
"""

import asyncio
import logging
import os
from typing import Any, Callable, TypeVar

import serial
from homeassistant.core import HomeAssistant
from pymodbus.client import ModbusSerialClient, ModbusUdpClient
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

from .. import client
from ..const import RTU_OVER_TCP, SERIAL, TCP, UDP
from .custom_modbus_tcp_client import CustomModbusTcpClient

_LOGGER = logging.getLogger(__name__)

T = TypeVar("T")

_CLIENTS: dict[str, dict[str, Any]] = {
    SERIAL: {"client": ModbusSerialClient, "framer": ModbusRtuFramer},
    TCP: {"client": CustomModbusTcpClient, "framer": ModbusSocketFramer},
    UDP: {"client": ModbusUdpClient, "framer": ModbusSocketFramer},
    RTU_OVER_TCP: {"client": CustomModbusTcpClient, "framer": ModbusRtuFramer},
}

serial.protocol_handler_packages.append(client.__name__)


class ModbusClient:
    """Modbus"""

    def __init__(self, hass: HomeAssistant, protocol: str, config: dict[str, Any]) -> None:
        self._hass = hass
        self._config = config
        self._lock = asyncio.Lock()
        self._protocol = protocol

        client = _CLIENTS[protocol]
        config = {**config, "framer": client["framer"]}

        # pyserial finds our pollserial protocol module through protocol_handler_packages above
        if protocol == SERIAL and os.name == "posix":
            config["port"] = f"pollserial://{config['port']}"

        self._poll_delay = 30 / 1000 if protocol == SERIAL else 0
        self._client = client["client"](**config)

    async def close(self) -> None:
        await self._async_pymodbus_call(self._client.close, auto_connect=False)

    async def read_registers(self, start_address: int, num_registers: int, slave: int) -> list[int]:
        response = await self._async_pymodbus_call(
            self._client.read_holding_registers, start_address, num_registers, slave
        )
        return response.registers

    async def _async_pymodbus_call(self, call: Callable[..., T], *args: Any, auto_connect: bool = True) -> T:
        """Convert async to sync pymodbus call."""
        async with self._lock:
            # pymodbus 3.4.1 removes automatic reconnections for the sync modbus client.
            if auto_connect and hasattr(self._client, "connected") and not self._client.connected:  # bug
                await self._hass.async_add_executor_job(self._client.connect)
            # If the connection failed, this call will throw an appropriate error
            result = await self._hass.async_add_executor_job(call, *args)
            if self._poll_delay > 0:
                await asyncio.sleep(self._poll_delay)
            return result

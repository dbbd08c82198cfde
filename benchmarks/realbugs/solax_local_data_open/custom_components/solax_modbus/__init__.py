"""SolaX Modbus hub: polls the inverter and keeps locally written values in a JSON file.

Reproduction of the shape fixed in
https://github.com/wills106/homeassistant-solax-modbus/pull/946 ("moved blocking file operations
into async executor job", fix for #920): the async async_read_modbus_registers_all called the
hub's plain methods saveLocalData and loadLocalData, which open the JSON file of the persistent
values and json.dump / json.load it, on the event loop; the fix runs both through
hass.async_add_executor_job.
"""
import json
import logging

_LOGGER = logging.getLogger(__name__)


class SolaXModbusHub:
    DATAFORMAT_VERSION = 1

    def __init__(self, hass, name, plugin):
        self._hass = hass
        self.name = name
        self.plugin = plugin
        self.data = {}
        self.writeLocals = {}
        self.computedSensors = {}
        self.cyclecount = 0
        self.localsUpdated = False
        self.localsLoaded = False

    def saveLocalData(self):
        tosave = {"_version": self.DATAFORMAT_VERSION}
        for desc in self.writeLocals:
            tosave[desc] = self.data.get(desc)
        with open(self._hass.config.path(f"{self.name}_data.json"), "w") as fp:
            json.dump(tosave, fp)
        self.localsUpdated = False

    def loadLocalData(self):
        try:
            fp = open(self._hass.config.path(f"{self.name}_data.json"))
        except:  # noqa: E722
            if self.cyclecount > 5:
                self.localsLoaded = True
        else:
            loaded = json.load(fp)
            if loaded.get("_version") == self.DATAFORMAT_VERSION:
                for desc in self.writeLocals:
                    self.data[desc] = loaded.get(desc)
            fp.close()
            self.localsLoaded = True

    async def async_read_modbus_block(self, data, block, typ):
        return True

    async def async_read_modbus_registers_all(self, group):
        data = {}
        res = True
        for block in group.holdingBlocks:
            res = res and await self.async_read_modbus_block(data, block, "holding")

        if self.localsUpdated:
            self.saveLocalData()  # bug
            self.plugin.localDataCallback(self)
        if not self.localsLoaded:
            self.loadLocalData()  # bug
        for reg in self.computedSensors:
            descr = self.computedSensors[reg]
            data[descr.key] = descr.value_function(0, descr, data)
        return res

"""Binary Sensor for Protezione Civile.

Reproduction of the shape fixed in
https://github.com/caiosweet/Home-Assistant-custom-components-DPC-Alert/issues/6 ("I/O in the event
loop HA 0.109": "Detected I/O inside the event loop ... at custom_components/dpc/binary_sensor.py,
line 168: data = requests.get(url, timeout=10)"), fixed by commit
8f3880205b927c4167620e105c214d5d838edf6e ("Fixed warning Detected I/O inside the event loop"): the
coroutine dpcUpdater._async_update (wrapped with Throttle as async_update, awaited by
async_setup_platform and by each sensor's async_update) fetches six URLs with requests.get. The fix
used an aiohttp ClientSession.
"""
from datetime import date, timedelta
import json
import logging

import requests
from dateutil.parser import parse
from homeassistant.components.binary_sensor import ENTITY_ID_FORMAT, BinarySensorDevice
from homeassistant.const import ATTR_ATTRIBUTION, CONF_NAME, CONF_SCAN_INTERVAL
from homeassistant.helpers.entity import async_generate_entity_id
from homeassistant.util import Throttle

_LOGGER = logging.getLogger(__name__)

ATTRIBUTION = "Dati forniti da protezionecivilepop"
CONF_ISTAT = "istat"
CONF_ALERT = "alert"
CONF_WARNINGS = "warnings"
DEFAULT_SCAN_INTERVAL = timedelta(minutes=60)

WARNING_TYPES = {
    "temporali_oggi": ["temporali_oggi", "Rischio Temporali Oggi", "mdi:weather-lightning"],
    "idraulico_oggi": ["idraulico_oggi", "Rischio Idraulico Oggi", "mdi:home-flood"],
    "idrogeologico_oggi": ["idrogeologico_oggi", "Rischio Idrogeologico Oggi", "mdi:waves"],
}

WARNING_ALERT = {"BIANCA": 0, "VERDE": 1, "GIALLA": 2, "ARANCIONE": 3, "ROSSA": 4}


async def async_setup_platform(hass, config, async_add_entities, discovery_info=None):
    name = config.get(CONF_NAME)
    warnings = config.get(CONF_WARNINGS)
    istat = str(config.get(CONF_ISTAT)).zfill(6)
    alert = config.get(CONF_ALERT)
    scan_interval = config.get(CONF_SCAN_INTERVAL)
    sensors = []
    sensor_name = "{} - ".format(name)
    updater = dpcUpdater(istat, scan_interval)
    await updater.async_update()
    for warning_type in warnings:
        uid = "{}_{}".format(name, warning_type)
        entity_id = async_generate_entity_id(ENTITY_ID_FORMAT, uid, hass=hass)
        sensors.append(dpcWarningsSensor(entity_id, sensor_name, updater, warning_type, alert))
    async_add_entities(sensors, True)


class dpcSensor(BinarySensorDevice):
    def __init__(self, entity_id, name, updater):
        self.entity_id = entity_id
        self._name = name
        self._updater = updater

    @property
    def device_state_attributes(self):
        return {ATTR_ATTRIBUTION: ATTRIBUTION}

    async def async_update(self):
        await self._updater.async_update()


class dpcWarningsSensor(dpcSensor):
    def __init__(self, entity_id, name, updater, warning_type, alert):
        super().__init__(entity_id, name, updater)
        self._warning_type = warning_type
        self._warning_key = WARNING_TYPES[self._warning_type][0]
        self._alert = WARNING_ALERT.get(alert.upper())

    @property
    def is_on(self):
        value = False
        if self._updater.dpc_output is not None:
            data = self._updater.dpc_output[self._warning_key]
            k_date = parse(data["date"]).date()
            if WARNING_ALERT.get(data["alert"]) >= self._alert and k_date >= date.today():
                value = data
        return value


class dpcUpdater:
    def __init__(self, istat, scan_interval):
        self._istat = istat
        self.dpc_output = None
        self.async_update = Throttle(scan_interval)(self._async_update)

    async def _async_update(self):
        jsondata = {}
        url_base = "http://www.protezionecivilepop.tk/allerte?citta="
        URLs = [
            url_base + self._istat + "&rischio=" + risk + "&allerta=verde&giorno=" + day + "&formato=json"
            for day in ("domani", "oggi")
            for risk in ("temporali", "idraulico", "idrogeologico")
        ]

        # Doing a request
        try:
            for url in URLs:
                try:
                    data = requests.get(url, timeout=10)  # bug
                except requests.exceptions.Timeout:
                    _LOGGER.error("Connection to the site timed out at URL %s", url)
                    return False
                if data.status_code != 200:
                    _LOGGER.error("Connection failed with http code %s", data.status_code)
                    return False
                try:
                    k = data.json()["previsione"]
                except ValueError:
                    _LOGGER.error("Failed to parse response from site. Check the istat number %s", self._istat)
                    return False

                k_date = parse(k["date"]).date()
                if k_date == date.today():
                    jsondata[k["risk"] + "_oggi"] = k
                if k_date > date.today() and "domani" in url:
                    jsondata[k["risk"] + "_domani"] = k
                ris = json.loads(json.dumps(jsondata))

            self.dpc_output = ris
        except Exception:
            _LOGGER.error("Error setting up dpc - Check the istat number %s", self._istat)

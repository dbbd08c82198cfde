"""Alexa Devices Sensors (next alarm / timer / reminder).

Reproduction of the shape fixed in https://github.com/alandtse/alexa_media_player/issues/2277 ("Alexa
Media Blocking Call stops Home Assistant from starting": "Detected blocking call to open inside the
event loop by custom integration 'alexa_media' at custom_components/alexa_media/sensor.py, line 450:
timezone = pytz.timezone( (offender: pytz/__init__.py: return open(filename, 'rb'))"), fixed by
commit 7cb44b20b6249336b01628e290ee943053a3fe1d ("fix: remove pytz to fix blocking", PR #2281): the
coroutines async_added_to_hass and async_update of AlexaMediaNotificationSensor call the plain
_process_raw_notifications, which maps the plain _fix_alarm_date_time over the notifications; that
calls pytz.timezone(self._client._timezone), which opens the zoneinfo file. The fix used
homeassistant.util.dt.get_time_zone; the line is marked.
"""

import datetime
import logging
from typing import Optional

import pytz
from homeassistant.components.sensor import SensorDeviceClass, SensorEntity
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.util import dt

from .const import ALEXA_DOMAIN, DATA_ALEXAMEDIA

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass, config_entry, async_add_devices):
    account = config_entry.data["email"]
    account_dict = hass.data[DATA_ALEXAMEDIA]["accounts"][account]
    devices = []
    for key, device in account_dict["devices"]["media_player"].items():
        n_dict = account_dict["notifications"].get(key, {})
        if "Alarm" in n_dict:
            devices.append(AlarmSensor(account_dict["entities"]["media_player"][key], n_dict["Alarm"], account))
    async_add_devices(devices, False)
    return True


class AlexaMediaNotificationSensor(SensorEntity):
    """Representation of Alexa Media sensors."""

    def __init__(self, client, n_dict, sensor_property: str, account, name="Next Notification", icon=None):
        self._attr_device_class = SensorDeviceClass.TIMESTAMP
        self._attr_native_value: Optional[datetime.datetime] = None
        self._attr_name = f"{client.name} {name}"
        self._attr_unique_id = f"{client.unique_id}_{name}"
        self._attr_icon = icon
        self._client = client
        self._n_dict = n_dict
        self._sensor_property = sensor_property
        self._account = account
        self._all = []
        self._active = []
        self._next: Optional[dict] = None

    def _process_raw_notifications(self):
        self._all = list(map(self._fix_alarm_date_time, self._n_dict.items())) if self._n_dict else []
        self._all = sorted(self._all, key=lambda x: x[1][self._sensor_property])
        self._active = list(filter(lambda x: x[1]["status"] in ("ON", "SNOOZED"), self._all)) if self._all else []
        self._next = self._active[0][1] if self._active else None
        self._attr_native_value = self._process_state(self._next)

    def _fix_alarm_date_time(self, value):
        if (
            self._sensor_property != "date_time"
            or not value
            or isinstance(value[1][self._sensor_property], datetime.datetime)
        ):
            return value
        naive_time = dt.parse_datetime(value[1][self._sensor_property])
        timezone = pytz.timezone(self._client._timezone)  # bug
        if timezone and naive_time:
            value[1][self._sensor_property] = timezone.localize(naive_time)
        elif not naive_time:
            value[1][self._sensor_property] = datetime.datetime.fromtimestamp(
                value[1]["alarmTime"] / 1000, tz=dt.DEFAULT_TIME_ZONE
            )
        return value

    def _process_state(self, value) -> Optional[datetime.datetime]:
        return dt.as_local(value[self._sensor_property]) if value else None

    async def async_added_to_hass(self):
        """Store register state change callback."""
        self._process_raw_notifications()  # also
        self._listener = async_dispatcher_connect(
            self.hass, f"{ALEXA_DOMAIN}_{self._account}"[0:32], self._handle_event
        )
        await self.async_update()

    def _handle_event(self, event):
        if "notification_update" in event:
            self.schedule_update_ha_state(True)

    async def async_update(self):
        """Update state."""
        account_dict = self.hass.data[DATA_ALEXAMEDIA]["accounts"][self._account]
        try:
            self._n_dict = account_dict["notifications"][self._client.device_serial_number][self._type]
        except KeyError:
            self._n_dict = None
        self._process_raw_notifications()  # also
        self.schedule_update_ha_state()


class AlarmSensor(AlexaMediaNotificationSensor):
    """Representation of a Alexa Alarm sensor."""

    def __init__(self, client, n_json, account):
        self._type = "Alarm"
        super().__init__(client, n_json, "date_time", account, f"next {self._type}", "mdi:alarm")

"""Waste collection calendar entity of a Home Assistant integration.

Reproduction of the shape reported in https://github.com/olibos/HomeAssistant-RecycleApp/issues/68
("RuntimeWarning: coroutine 'CalendarEntity.async_will_remove_from_hass' was never awaited") and
fixed in commit 5f3eb04f3bfc3776a190fd086ca931b26ddd24a2 ("await 'async_will_remove_from_hass'"):
the entity's async async_will_remove_from_hass override calls
super().async_will_remove_from_hass() (async in Home Assistant's CoordinatorEntity/Entity bases)
without await, so the coordinator listener is never removed. The fix awaited it.
"""
from __future__ import annotations

import logging
from datetime import date, datetime

from homeassistant.components.calendar import CalendarEntity, CalendarEvent
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.update_coordinator import CoordinatorEntity, DataUpdateCoordinator

from .api import FostPlusApi

_LOGGER = logging.getLogger(__name__)


class RecycleAppCalendarEntity(
    CoordinatorEntity[DataUpdateCoordinator[dict[str, list[date]]]], CalendarEntity
):
    """Representation of a Collect Calendar element."""

    _attr_has_entity_name = True
    _attr_name = None

    def __init__(self, coordinator, zip_code_id: str, street_id: str, house_number: int, unique_id: str, fractions) -> None:
        super().__init__(coordinator)
        self._zip_code_id = zip_code_id
        self._street_id = street_id
        self._house_number = house_number
        self._fractions = fractions
        self._attr_unique_id = unique_id
        self._remove_change_listener: CALLBACK_TYPE | None = None

    @property
    def event(self) -> CalendarEvent | None:
        """Return the next upcoming event."""
        if self._remove_change_listener:
            self._remove_change_listener()
            self._remove_change_listener = None
        if self.coordinator.data is None:
            return None
        next_collect = min(dates[0] for dates in self.coordinator.data.values())
        labels = [self._fractions[f][1] for f, dates in self.coordinator.data.items() if dates[0] == next_collect]

        @callback
        def update(_event) -> None:
            self.async_write_ha_state()

        if not labels:
            self._remove_change_listener = async_track_state_change_event(self.hass, [], update)
            return None
        return CalendarEvent(start=next_collect, end=next_collect, summary=" - ".join(labels))

    async def async_will_remove_from_hass(self) -> None:
        """Run when entity will be removed from hass.

        Remove listeners.
        """
        super().async_will_remove_from_hass()  # bug
        if self._remove_change_listener:
            self._remove_change_listener()
        self._remove_change_listener = None

    async def async_get_events(self, hass: HomeAssistant, start_date: datetime, end_date: datetime) -> list[CalendarEvent]:
        api = FostPlusApi()
        collections = await self.hass.async_add_executor_job(
            api.get_collections,
            self._zip_code_id,
            self._street_id,
            self._house_number,
            start_date.date(),
            end_date.date(),
        )
        return [
            CalendarEvent(start=day, end=day, summary=self._fractions[fraction][1])
            for fraction, days in collections.items()
            for day in days
        ]

"""DataUpdateCoordinator for the IRM KMI integration.

Reproduction of the shape reported in https://github.com/jdejaegh/irm-kmi-ha/issues/45 (duplicate
of #39: Detected blocking call to open inside the event loop) and fixed by
https://github.com/jdejaegh/irm-kmi-ha/pull/41 ("Use non-blocking calls in the main loop", commit
59a3a3f): the coordinator's async process_api_data built the forecasts with sync methods that load
time zones with pytz.timezone(...), and its async _async_animation_data called the sync
create_rain_graph, which loads the configured time zone with pytz and returns RainGraph(...) of
rain_graph.py, whose __init__ loads the time zone again, embeds a font file (svgwrite) and opens
the background image. The fix made these paths async, loaded time zones with
dt.async_get_time_zone and read the files with aiofile.
"""
import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any, List, Tuple

import async_timeout
import pytz
from homeassistant.components.weather import Forecast
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import ATTR_LATITUDE, ATTR_LONGITUDE, CONF_ZONE
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import (
    TimestampDataUpdateCoordinator, UpdateFailed)

from .api import IrmKmiApiClient, IrmKmiApiError
from .const import CONF_DARK_MODE, CONF_STYLE
from .const import OPTION_STYLE_SATELLITE, STYLE_TO_PARAM_MAP
from .data import (AnimationFrameData, IrmKmiForecast,
                   ProcessedCoordinatorData, RadarAnimationData)
from .rain_graph import RainGraph

_LOGGER = logging.getLogger(__name__)


class IrmKmiCoordinator(TimestampDataUpdateCoordinator):
    """Coordinator to update data from IRM KMI"""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry):
        """Initialize the coordinator."""
        super().__init__(
            hass,
            _LOGGER,
            name="IRM KMI weather",
            update_interval=timedelta(minutes=7),
        )
        self._api_client = IrmKmiApiClient(session=async_get_clientsession(hass))
        self._zone = entry.data.get(CONF_ZONE)
        self._dark_mode = entry.options.get(CONF_DARK_MODE, entry.data.get(CONF_DARK_MODE))
        self._style = entry.options.get(CONF_STYLE, entry.data.get(CONF_STYLE))
        self._config_entry = entry

    async def _async_update_data(self) -> ProcessedCoordinatorData:
        """Fetch data from API endpoint."""
        if (zone := self.hass.states.get(self._zone)) is None:
            raise UpdateFailed(f"Zone '{self._zone}' not found")
        try:
            async with async_timeout.timeout(60):
                api_data = await self._api_client.get_forecasts_coord(
                    {'lat': zone.attributes[ATTR_LATITUDE],
                     'long': zone.attributes[ATTR_LONGITUDE]}
                )
        except IrmKmiApiError as err:
            raise UpdateFailed(f"Error communicating with API for general forecast: {err}")

        return await self.process_api_data(api_data)

    async def _async_animation_data(self, api_data: dict) -> RadarAnimationData:
        """From the API data passed in, call the API to get all the images and create the radar animation data object."""
        animation_data = api_data.get('animation', {}).get('sequence')
        localisation_layer_url = api_data.get('animation', {}).get('localisationLayer')
        country = api_data.get('country', '')

        if animation_data is None or localisation_layer_url is None or not isinstance(animation_data, list):
            return RadarAnimationData()

        try:
            images_from_api = await self.download_images_from_api(animation_data, country, localisation_layer_url)
        except IrmKmiApiError as err:
            _LOGGER.warning(f"Could not get images for weather radar: {err}.  Keep the existing radar data.")
            return self.data.get('animation', RadarAnimationData()) if self.data is not None else RadarAnimationData()

        localisation = images_from_api[0]
        images_from_api = images_from_api[1:]

        radar_animation = RadarAnimationData(
            hint=api_data.get('animation', {}).get('sequenceHint', {}).get('en'),
            unit=api_data.get('animation', {}).get('unit', {}).get('en'),
            location=localisation
        )
        rain_graph = self.create_rain_graph(radar_animation, animation_data, country, images_from_api)  # bug
        radar_animation['svg_animated'] = rain_graph.get_svg_string()
        radar_animation['svg_still'] = rain_graph.get_svg_string(still_image=True)
        return radar_animation

    async def process_api_data(self, api_data: dict) -> ProcessedCoordinatorData:
        """From the API data, create the object that will be used in the entities"""
        return ProcessedCoordinatorData(
            daily_forecast=self.daily_list_to_forecast(api_data.get('for', {}).get('daily')),  # bug
            hourly_forecast=IrmKmiCoordinator.hourly_list_to_forecast(api_data.get('for', {}).get('hourly')),  # bug
            animation=await self._async_animation_data(api_data=api_data),
        )

    async def download_images_from_api(self,
                                       animation_data: list,
                                       country: str,
                                       localisation_layer_url: str) -> tuple[Any]:
        """Download a batch of images to create the radar frames."""
        coroutines = list()
        coroutines.append(
            self._api_client.get_image(localisation_layer_url,
                                       params={'th': 'd' if country == 'NL' or not self._dark_mode else 'n'}))

        for frame in animation_data:
            if frame.get('uri', None) is not None:
                coroutines.append(
                    self._api_client.get_image(frame.get('uri'), params={'rs': STYLE_TO_PARAM_MAP[self._style]}))
        async with async_timeout.timeout(60):
            images_from_api = await asyncio.gather(*coroutines)

        return images_from_api

    @staticmethod
    def hourly_list_to_forecast(data: List[dict] | None) -> List[Forecast] | None:
        """Parse data from the API to create a list of hourly forecasts"""
        if data is None or not isinstance(data, list) or len(data) == 0:
            return None

        forecasts = list()
        day = datetime.now(tz=pytz.timezone('Europe/Brussels')).replace(hour=0, minute=0, second=0, microsecond=0)

        for f in data:
            if 'dateShow' in f:
                day = day + timedelta(days=1)

            hour = f.get('hour', None)
            if hour is None:
                continue
            day = day.replace(hour=int(hour))

            forecasts.append(Forecast(
                datetime=day.isoformat(),
                native_temperature=f.get('temp'),
                native_precipitation=f.get('precipQuantity'),
            ))

        return forecasts

    def daily_list_to_forecast(self, data: List[dict] | None) -> List[Forecast] | None:
        """Parse data from the API to create a list of daily forecasts"""
        if data is None or not isinstance(data, list) or len(data) == 0:
            return None

        forecasts = list()
        n_days = 0

        for (idx, f) in enumerate(data):
            is_daytime = f.get('dayNight', None) == 'd'
            now = datetime.now(pytz.timezone('Europe/Brussels'))
            forecast = IrmKmiForecast(
                datetime=(now + timedelta(days=n_days)).strftime('%Y-%m-%d')
                if is_daytime else now.strftime('%Y-%m-%d'),
                native_temperature=f.get('tempMax', None),
                native_templow=f.get('tempMin', None),
                is_daytime=is_daytime,
                text=f.get('text', {}).get('en', ""),
            )
            forecasts.append(forecast)
            if is_daytime or idx == 0:
                n_days += 1

        return forecasts

    def create_rain_graph(self,
                          radar_animation: RadarAnimationData,
                          api_animation_data: List[dict],
                          country: str,
                          images_from_api: Tuple[bytes],
                          ) -> RainGraph:
        """Create a RainGraph object that is ready to output animated and still SVG images"""
        sequence: List[AnimationFrameData] = list()
        tz = pytz.timezone(self.hass.config.time_zone)
        current_time = datetime.now(tz=tz)
        most_recent_frame = None

        for idx, item in enumerate(api_animation_data):
            frame = AnimationFrameData(
                image=images_from_api[idx],
                time=datetime.fromisoformat(item.get('time')) if item.get('time', None) is not None else None,
                value=item.get('value', 0),
                position=item.get('position', 0),
            )
            sequence.append(frame)

            if most_recent_frame is None and current_time < frame['time']:
                most_recent_frame = idx - 1 if idx > 0 else idx

        radar_animation['sequence'] = sequence
        radar_animation['most_recent_image_idx'] = most_recent_frame

        satellite_mode = self._style == OPTION_STYLE_SATELLITE

        if country == 'NL':
            image_path = "custom_components/irm_kmi/resources/nl.png"
            bg_size = (640, 600)
        else:
            image_path = (f"custom_components/irm_kmi/resources/be_"
                          f"{'satellite' if satellite_mode else 'black' if self._dark_mode else 'white'}.png")
            bg_size = (640, 490)

        return RainGraph(radar_animation, image_path, bg_size,
                         config_dir=self.hass.config.config_dir,
                         dark_mode=self._dark_mode,
                         tz=self.hass.config.time_zone)

"""Services of the parcel tracking integration.

Reproduction of the shape fixed in https://github.com/jmdevita/parcel-ha/issues/84 (PR #85, commit
21db2d1102b37f8f6326ced484755e0641a133fe, "fix: run carrier detection load() in executor to avoid
blocking event loop"): the async async_register_services (awaited by async_setup_entry) builds a
CarrierDetector (carrier_detection.py) and calls detector.load(), which globs the bundled
tracking_data folder and reads and parses every JSON file, on the event loop. The fix ran it with
`await hass.async_add_executor_job(detector.load)` (and removed the lazy self.load() fallback of
detect()).
"""
import logging

from homeassistant.core import HomeAssistant, ServiceCall, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .carrier_detection import CarrierDetector
from .const import COURIER, DOMAIN, TRACKING_NUMBER

_LOGGER = logging.getLogger(__name__)
API_URL = "https://api.parcel.app/external/add-delivery/"


def _resolve_courier(detector: CarrierDetector, tracking_number: str, courier: str | None) -> str:
    if courier:
        return courier
    matches = detector.detect(tracking_number)
    if not matches:
        raise HomeAssistantError(f"Could not auto-detect carrier for '{tracking_number}'")
    return matches[0].courier_code


async def async_register_services(hass: HomeAssistant):
    session = async_get_clientsession(hass)
    detector = CarrierDetector()
    detector.load()  # bug

    async def async_add_parcel(call: ServiceCall):
        tracking_number = str(call.data[TRACKING_NUMBER])
        courier = _resolve_courier(detector, tracking_number, call.data.get(COURIER))  # also
        async with session.post(API_URL, json={"tracking_number": tracking_number, "carrier_code": courier}) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def async_detect_carrier(call: ServiceCall):
        tracking_number = str(call.data[TRACKING_NUMBER])
        matches = detector.detect(tracking_number)
        return {
            "tracking_number": tracking_number,
            "best_match": matches[0].courier_code if matches else None,
        }

    hass.services.async_register(DOMAIN, "add_parcel", async_add_parcel)
    hass.services.async_register(
        DOMAIN, "detect_carrier", async_detect_carrier, supports_response=SupportsResponse.ONLY
    )

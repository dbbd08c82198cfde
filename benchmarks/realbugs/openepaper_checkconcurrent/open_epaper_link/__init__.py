import logging
import os
import time
from datetime import datetime

_LOGGER = logging.getLogger(__name__)


def checkconcurrent():
    between_calls = 3
    file_path = os.path.join(os.path.dirname(__file__), "lastapinteraction.txt")
    content = "0"
    if os.path.exists(file_path):
        with open(file_path) as handle:
            content = handle.read()
    now = round(datetime.timestamp(datetime.now()))
    while round(float(content)) + between_calls > now:
        _LOGGER.warning("concurrent call detected, waiting")
        time.sleep(round(float(content)) + between_calls - now)
        now = round(datetime.timestamp(datetime.now()))
    with open(file_path, "w") as handle:
        handle.write(str(datetime.timestamp(datetime.now())))


def setup(hass, config):
    async def drawcustomservice(service):
        for entity_id in service.data.get("entity_id"):
            checkconcurrent()  # bug
            image = await hass.async_add_executor_job(make_image, entity_id, service)
            await hass.async_add_executor_job(upload_image, image, entity_id)

    hass.services.register("open_epaper_link", "drawcustom", drawcustomservice)
    return True


def make_image(entity_id, service):
    return b""


def upload_image(image, entity_id):
    return True

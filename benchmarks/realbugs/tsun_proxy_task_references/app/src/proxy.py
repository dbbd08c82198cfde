"""Resources shared by every inverter connection."""
import logging

from cnf.config import Config
from mqtt import Mqtt


class Proxy:
    mqtt: Mqtt = None
    entity_prfx = ''

    @classmethod
    def class_init(cls) -> None:
        cls.entity_prfx = Config.get('ha').get('entity_prefix', 'tsun') + '/'
        cls.mqtt = Mqtt(cls._mqtt_is_up)

    @classmethod
    async def _mqtt_is_up(cls) -> None:
        logging.info('MQTT broker connected')

    @classmethod
    async def class_close(cls) -> None:
        await cls.mqtt.close()
        cls.mqtt = None

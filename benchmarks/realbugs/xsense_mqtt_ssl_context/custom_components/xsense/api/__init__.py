from .mqtt_helper import MQTTHelper as MQTTHelper  # noqa: F401

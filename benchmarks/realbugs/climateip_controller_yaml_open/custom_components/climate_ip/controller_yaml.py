"""YAML-described device controller of the climate_ip (Samsung air conditioner) integration.

Reproduction of the shape fixed in https://github.com/atxbyea/samsungrac (commit 2e0b3ad, "read
device yaml asynchronously"): Home Assistant reported "Detected blocking call to open inside the
event loop by custom integration 'climate_ip' at custom_components/climate_ip/controller_yaml.py:
with open(file, "r") as stream:". The platform's async setup asks the controller registry for a
controller; the registry builds the registered class and calls its initialize(), which reads the
device description file. The fix made initialize and create_controller coroutines and read the file
with aiofiles.
"""
import logging
import os

import yaml

from .controller import ClimateController, register_controller

CONF_CONFIG_FILE = "config_file"
CONST_CONTROLLER_TYPE = "yaml"


class StreamWrapper(object):
    def __init__(self, stream, token, ip_address, device_id):
        self.stream = stream
        self.leftover = ""
        self.token = token
        self.ip_address = ip_address
        self.device_id = device_id

    def read(self, size):
        data = self.leftover
        count = len(self.leftover)
        if count < size:
            chunk = self.stream.read(size)
            if self.token is not None:
                chunk = chunk.replace("__CLIMATE_IP_TOKEN__", self.token)
            if self.ip_address is not None:
                chunk = chunk.replace("__CLIMATE_IP_HOST__", self.ip_address)
            if self.device_id is not None:
                chunk = chunk.replace("__DEVICE_ID__", self.device_id)
            data += chunk
        self.leftover = data[size:]
        return data[:size]


@register_controller
class YamlController(ClimateController):
    def __init__(self, config, logger):
        super(YamlController, self).__init__(config, logger)
        self._logger = logger
        self._debug = config.get("debug", False)
        self._logger.setLevel(logging.INFO if self._debug else logging.ERROR)
        self._yaml = config.get(CONF_CONFIG_FILE)
        self._ip_address = config.get("ip_address", None)
        self._device_id = config.get("device_id", "032000000")
        self._token = config.get("token", None)
        self._poll = None
        self._device = None

    @property
    def poll(self):
        return self._poll

    @property
    def id(self):
        return CONST_CONTROLLER_TYPE

    def initialize(self):
        file = self._yaml
        if file is not None and file.find("\\") == -1 and file.find("/") == -1:
            file = os.path.join(os.path.dirname(__file__), file)
        self._logger.info("Loading configuration file: {}".format(file))

        with open(file, "r") as stream:  # bug
            try:
                yaml_device = yaml.load(
                    StreamWrapper(stream, self._token, self._ip_address, self._device_id),
                    Loader=yaml.FullLoader,
                )
            except yaml.YAMLError as exc:
                self._logger.error("YAML error: {}".format(exc))
                return False

        device = yaml_device.get("device", {})
        self._poll = device.get("poll", None)
        self._device = device
        return True

    @staticmethod
    def match_type(type):
        return str(type).lower() == CONST_CONTROLLER_TYPE

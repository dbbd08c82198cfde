COMPONENT_DOMAIN = "virtual"
COMPONENT_SERVICES = "virtual-services"
ATTR_GROUP_NAME = "group_name"
ATTR_FILE_NAME = "file_name"
ATTR_DEVICES = "devices"
ATTR_VERSION = "version"
ATTR_UNIQUE_ID = "unique_id"
VIRTUAL_PLATFORMS = ["binary_sensor", "sensor", "switch"]


def default_meta_file(hass) -> str:
    return hass.config.path(".storage/virtual.meta.json")

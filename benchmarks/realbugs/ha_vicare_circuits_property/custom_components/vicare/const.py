DOMAIN = "vicare"
VICARE_API = "api"
VICARE_DEVICE_CONFIG = "device_conf"
VICARE_NAME = "ViCare"
CONF_HEATING_TYPE = "heating_type"
HEATING_TYPE_TO_CREATOR_METHOD = {"gas": "asGazBoiler", "heatpump": "asHeatPump"}

DOMAIN = "solis_cloud_control"
API_BASE_URL = "https://www.soliscloud.com:13333"
CONF_INVERTER_SN = "inverter_sn"

from homeassistant.const import Platform

DOMAIN = "irm_kmi"
PLATFORMS: list[Platform] = [Platform.WEATHER, Platform.IMAGE]
CONF_DARK_MODE = "dark_mode"
CONF_STYLE = "style"
OPTION_STYLE_SATELLITE = "satellite_style"
STYLE_TO_PARAM_MAP = {"std_style": 1, "contrast_style": 2, "yellow_red_style": 3, "satellite_style": 4}

"""Constants of the 3D printer integration (reproduction, see __init__.py)."""
DOMAIN = "ha_creality_ws"
CONF_POWER_SWITCH = "power_switch"

"""Helper functions for the Better Thermostat component."""
import logging

_LOGGER = logging.getLogger(__name__)


def convert_to_float(value, instance_name, context):
    """Convert a value to float, or None."""
    if value is None or value == "None":
        return None
    try:
        return round(float(str(value)) * 2) / 2
    except (ValueError, TypeError, AttributeError, KeyError):
        _LOGGER.debug(f"better thermostat {instance_name}: Could not convert '{value}' to float in {context}")
        return None


def mode_remap(self, entity_id, hvac_mode, inbound=False):
    """Remap HVAC mode to correct mode if needed."""
    return hvac_mode

"""Better Thermostat."""

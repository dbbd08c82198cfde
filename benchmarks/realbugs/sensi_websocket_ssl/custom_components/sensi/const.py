"""Constants of the Sensi integration (reproduction, see coordinator.py)."""
import logging

DOMAIN = "sensi"
LOGGER = logging.getLogger(__package__)
COORDINATOR_UPDATE_INTERVAL = 30

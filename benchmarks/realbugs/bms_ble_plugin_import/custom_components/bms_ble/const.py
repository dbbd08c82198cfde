"""Constants for the BLE Battery Management System integration."""

import logging

BMS_TYPES = ["daly_bms", "jikong_bms", "ogt_bms"]  # available BMS types
DOMAIN = "bms_ble"
LOGGER = logging.getLogger(__package__)
UPDATE_INTERVAL = 30  # in seconds

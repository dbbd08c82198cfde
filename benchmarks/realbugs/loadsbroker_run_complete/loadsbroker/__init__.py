"""Load-test broker (reproduction, see broker.py)."""
import logging

logger = logging.getLogger("loadsbroker")

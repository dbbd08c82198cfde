import logging

_LOGGER = logging.getLogger(__name__)


def log_to_file(message):
    _LOGGER.debug(message)

"""Logging helpers: a decorator that logs entry and exit of a coroutine method."""

import logging
from collections.abc import Callable, Coroutine

LOGGER = logging.getLogger(__package__)


def async_log_enter_exit_debug(func: Callable[..., Coroutine]):
    async def decorated(*args, **kwargs):
        logger = getattr(args[0], "_logger", LOGGER) if args else LOGGER
        logger.debug("Entering %s", func.__qualname__)
        try:
            return await func(*args, **kwargs)
        finally:
            logger.debug("Returning from %s", func.__qualname__)

    return decorated

"""A Tribler session: starts and stops a set of components (see ../utilities/tiny_tribler_service.py)."""
import logging
from asyncio import Event, create_task, gather, get_event_loop


class ComponentStartupException(Exception):
    def __init__(self, component, cause):
        super().__init__(str(cause))
        self.component = component


class Session:
    def __init__(self, state_dir, components=(), failfast: bool = True):
        self.logger = logging.getLogger("Session")
        self.state_dir = state_dir
        self.components = {type(c): c for c in components}
        self.failfast = failfast
        self.shutdown_event = Event()
        self.exit_code = None
        self.startup_error = None

    def set_startup_exception(self, error: Exception) -> None:
        self.startup_error = self.startup_error or error

    async def start_components(self) -> None:
        await gather(*(c.start() for c in self.components.values()), return_exceptions=not self.failfast)
        if self.startup_error:
            self._raise_startup_error_later()

    def _raise_startup_error_later(self) -> None:
        """Let the loop's exception handler see the start-up error, after setting the exit code."""

        async def exception_reraiser():
            if isinstance(self.startup_error, ComponentStartupException):
                self.exit_code = 1
                self.shutdown_event.set()
            raise self.startup_error

        get_event_loop().create_task(exception_reraiser())  # bug

    async def shutdown(self) -> None:
        await gather(*(create_task(c.stop()) for c in self.components.values()))
        self.logger.info("components stopped")

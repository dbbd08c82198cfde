"""An in-process kernel.

Reproduction of the shape fixed in https://github.com/ipython/ipykernel/pull/942 (commit
13f07ca560b6ab9aaed501de87969f095505d722, "`_abort_queues` is no longer async"): the base
Kernel (kernelbase.py) calls the plain method self._abort_queues() from its coroutines
execute_request and abort_request; InProcessKernel (a subclass through IPythonKernel, ipkernel.py)
still overrides it as `async def _abort_queues`, so each call creates a coroutine that is never
awaited ("RuntimeWarning: coroutine 'InProcessKernel._abort_queues' was never awaited" after an
error in qtconsole). The fix made the override a plain method.
"""
from contextlib import contextmanager

from ..ipkernel import IPythonKernel


class InProcessKernel(IPythonKernel):
    def __init__(self, **traits):
        super().__init__(**traits)
        self.shell.kernel = self

    async def execute_request(self, stream, ident, parent):
        """Override for temporary IO redirection."""
        with self._redirected_io():
            await super().execute_request(stream, ident, parent)

    def start(self):
        """Override registration of dispatchers for streams."""
        self.shell.exit_now = False

    async def _abort_queues(self):  # bug
        """The in-process kernel doesn't abort requests."""
        pass

    async def _flush_control_queue(self):
        """No need to flush control queues for in-process"""
        pass

    @contextmanager
    def _redirected_io(self):
        yield

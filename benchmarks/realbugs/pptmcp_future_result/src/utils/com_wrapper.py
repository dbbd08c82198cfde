from concurrent.futures import ThreadPoolExecutor


class PowerPointCOMWrapper:
    """Runs every COM call on one dedicated thread (COM objects are apartment-bound)."""

    def __init__(self):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ppt-com")
        self._app = None

    def execute(self, func, *args, **kwargs):
        future = self._executor.submit(func, self._app, *args, **kwargs)
        return future.result(timeout=30.0)


ppt = PowerPointCOMWrapper()

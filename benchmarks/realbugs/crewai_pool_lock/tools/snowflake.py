import asyncio
import threading


class SnowflakeSearchTool:
    def __init__(self, config):
        self.config = config
        self._pool_lock = None
        self._connection_pool = None

    def _init_pool(self):
        self._pool_lock = threading.Lock()
        self._connection_pool = []

    async def _get_connection(self):
        if self._pool_lock is None:
            raise RuntimeError("Pool lock not initialized")
        with self._pool_lock:  # bug
            if self._connection_pool:
                return self._connection_pool.pop()
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, self._connect)

    def _connect(self):
        return object()

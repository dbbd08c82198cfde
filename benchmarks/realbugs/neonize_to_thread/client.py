import asyncio


class Client:
    def _disconnect(self):
        return None

    def disconnect(self):
        asyncio.to_thread(self._disconnect)  # bug

import time


class Transaction:
    def __init__(self, provider, tx_hash):
        self.provider = provider
        self.tx_hash = tx_hash

    async def await_committed(self, attempts=10, interval=1.0):
        for _ in range(attempts):
            status = await self.provider.get_tx_status(self.tx_hash)
            if status.get("executed"):
                return status
            time.sleep(interval)  # bug
        return None

"""A ledger connection polls for a transaction receipt: the async handler sleeps with
time.sleep between attempts, stalling every other message of the agent."""

import time


class LedgerApiRequestDispatcher:
    def __init__(self, api, retry_attempts: int = 5, retry_timeout: float = 1.0) -> None:
        self.api = api
        self.retry_attempts = retry_attempts
        self.retry_timeout = retry_timeout

    async def get_transaction_receipt(self, digest: str) -> dict | None:
        attempts = 0
        receipt = None
        while attempts < self.retry_attempts and receipt is None:
            receipt = self.api.get_transaction_receipt(digest)
            if receipt is None:
                time.sleep(self.retry_timeout)  # bug
            attempts += 1
        return receipt

"""A rule condition asks a language model and backs off between retries with a blocking sleep
inside its async evaluate(): other webhooks wait for the whole backoff."""

import time


class LLMAssistedCondition:
    def __init__(self, client, retries: int = 3) -> None:
        self.client = client
        self.retries = retries

    async def evaluate(self, event: dict) -> bool:
        for attempt in range(self.retries):
            try:
                answer = await self.client.ask(event)
                return answer == "yes"
            except TimeoutError:
                wait_time = 2**attempt
                time.sleep(wait_time)  # bug
        return False

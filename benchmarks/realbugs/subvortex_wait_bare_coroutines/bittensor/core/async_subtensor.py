"""Stand-in for bittensor.core.async_subtensor: the chain client, every query a coroutine."""
import asyncio


class AsyncSubtensor:
    def __init__(self, substrate):
        self.substrate = substrate

    async def get_current_block(self) -> int:
        return await self.substrate.get_block_number(None)

    async def wait_for_block(self, block=None) -> bool:
        target = (block or await self.get_current_block()) + 1
        while await self.get_current_block() < target:
            await asyncio.sleep(1)
        return True

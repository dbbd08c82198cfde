"""Metagraph observer.

Reproduction of the shape fixed in https://github.com/eclipsevortex/SubVortex/pull/138 (commit
ac06ad1ddfd10d01ce42cb16d0c4965e93a2bb11, "fix coroutines"): the observer's loop passes two bare
coroutines, self.subtensor.wait_for_block() (an AsyncSubtensor of bittensor, imported through the
module alias btcas) and self.should_exit.wait() (an asyncio.Event), to asyncio.wait, which takes
tasks or futures only (deprecated in 3.8, a TypeError from 3.11); the loop then reads task.result()
of the done set. The fix wrapped both in asyncio.create_task; the two lines are marked (the same fix
in the miner's main loop is left out). bittensor/ is a stand-in for the package.
"""
import asyncio
import logging

import bittensor.core.async_subtensor as btcas

import subvortex.core.metagraph.database as scmd

log = logging.getLogger(__name__)


class MetagraphObserver:
    """Watches the metagraph and updates the neurons stored in Redis when they change."""

    def __init__(self, settings, database: scmd.NeuronDatabase, subtensor: btcas.AsyncSubtensor, metagraph):
        self.settings = settings
        self.database = database
        self.subtensor = subtensor
        self.metagraph = metagraph
        self.should_exit = asyncio.Event()
        self.run_complete = asyncio.Event()

    async def start(self):
        last_synced_block = 0
        try:
            while not self.should_exit.is_set():
                done, _ = await asyncio.wait(
                    [
                        self.subtensor.wait_for_block(),  # bug
                        self.should_exit.wait(),  # bug
                    ],
                    timeout=24,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if not done:
                    log.warning("No new block retrieved within 24 seconds. Retrying...")
                    continue
                if self.should_exit.is_set():
                    break
                if not any(task.result() for task in done if not task.cancelled()):
                    continue
                block = await self.subtensor.get_current_block()
                if block - last_synced_block >= self.settings.sync_interval:
                    await self.metagraph.sync(block=block)
                    await self.database.update_neurons(self.metagraph.neurons)
                    last_synced_block = block
        finally:
            self.run_complete.set()

    async def stop(self):
        self.should_exit.set()
        await self.run_complete.wait()

"""The pipeline stage base class (reproduction, see artifact_stages.py)."""
import asyncio


class Stage:
    """One stage of the sync pipeline: reads from its input queue, writes to its output queue."""

    def __init__(self):
        self._in_q = None
        self._out_q = None

    def _connect(self, in_q, out_q):
        self._in_q = in_q
        self._out_q = out_q

    async def batches(self, minsize=500):
        batch = []
        while True:
            content = await self._in_q.get()
            if content is None:
                break
            batch.append(content)
            if len(batch) >= minsize:
                yield batch
                batch = []
        if batch:
            yield batch

    async def put(self, item):
        await self._out_q.put(item)

    async def run(self):
        raise NotImplementedError

    async def __call__(self):
        await self.run()
        await self._out_q.put(None)


async def create_pipeline(stages, maxsize=1000):
    in_q = None
    futures = []
    for stage in stages:
        out_q = asyncio.Queue(maxsize=maxsize)
        stage._connect(in_q, out_q)
        futures.append(asyncio.ensure_future(stage()))
        in_q = out_q
    await asyncio.gather(*futures)

"""Inference server for an exported vision-language-action policy (ONNX Runtime).

Reproduction of the shape fixed in https://github.com/FastCrest/tether/pull/250 (commit
8650bc55c3769fa6441310e03ebbf195f00dee27, "fix(runtime): offload async inference work"): the
coroutine TetherServer.predict_async, the front door the /act handler awaits, runs
`self.predict(...)` inline when batching is off, and the batch worker coroutine runs
`self._predict_batch_sync(batch)` inline; both are plain methods that preprocess with numpy and
run the ONNX session through every denoising step, so one inference holds the event loop. The fix
ran both with asyncio.to_thread on a bounded executor; the two lines are marked.
"""
import asyncio
import base64
import io
from typing import Any

import numpy as np
import onnxruntime as ort
from fastapi import FastAPI
from PIL import Image


class TetherServer:
    def __init__(self, model_path: str, num_denoising_steps: int = 10, max_batch: int = 1, batch_timeout_ms: float = 5.0):
        self._ort_session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
        self.num_denoising_steps = num_denoising_steps
        self._max_batch = max_batch
        self._batch_timeout_ms = batch_timeout_ms
        self._batch_queue: asyncio.Queue | None = None
        self._batch_worker_task: asyncio.Task | None = None

    async def start_batch_worker(self) -> None:
        if self._max_batch > 1 and self._batch_worker_task is None:
            self._batch_queue = asyncio.Queue()
            self._batch_worker_task = asyncio.create_task(self._batch_worker())

    def _preprocess(self, image: str) -> np.ndarray:
        pixels = Image.open(io.BytesIO(base64.b64decode(image))).convert("RGB").resize((224, 224))
        return (np.asarray(pixels, dtype=np.float32) / 255.0).transpose(2, 0, 1)[None]

    def _denoise(self, features: np.ndarray, state: np.ndarray) -> np.ndarray:
        noisy_actions = np.random.standard_normal((features.shape[0], 50, 7)).astype(np.float32)
        dt = -1.0 / self.num_denoising_steps
        for step in range(self.num_denoising_steps):
            timestep = np.full((features.shape[0],), 1.0 + step * dt, dtype=np.float32)
            velocity = self._ort_session.run(
                None, {"pixels": features, "state": state, "noisy_actions": noisy_actions, "timestep": timestep}
            )[0]
            noisy_actions = noisy_actions + velocity * dt
        return noisy_actions

    def predict(self, image: str, instruction: str, state: list[float]) -> dict[str, Any]:
        features = self._preprocess(image)
        actions = self._denoise(features, np.asarray([state], dtype=np.float32))
        return {"actions": actions[0].tolist(), "instruction": instruction}

    def _predict_batch_sync(self, batch: list) -> list[dict[str, Any]]:
        features = np.concatenate([self._preprocess(image) for _, image, _, _ in batch])
        states = np.asarray([state for _, _, _, state in batch], dtype=np.float32)
        actions = self._denoise(features, states)
        return [{"actions": a.tolist(), "instruction": i} for a, (_, _, i, _) in zip(actions, batch)]

    async def predict_async(self, image: str, instruction: str, state: list[float]) -> dict[str, Any]:
        """Async front door used by the HTTP /act handler."""
        if self._max_batch <= 1 or self._batch_queue is None:
            return self.predict(image=image, instruction=instruction, state=state)  # bug

        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        await self._batch_queue.put((fut, image, instruction, state))
        return await fut

    async def _batch_worker(self) -> None:
        assert self._batch_queue is not None
        while True:
            batch = [await self._batch_queue.get()]
            try:
                while len(batch) < self._max_batch:
                    batch.append(await asyncio.wait_for(self._batch_queue.get(), self._batch_timeout_ms / 1000))
            except asyncio.TimeoutError:
                pass
            try:
                results = self._predict_batch_sync(batch)  # bug
                for (fut, *_), result in zip(batch, results):
                    if not fut.done():
                        fut.set_result(result)
            except Exception as e:
                for fut, *_ in batch:
                    if not fut.done():
                        fut.set_exception(e)


def create_app(server: TetherServer) -> FastAPI:
    app = FastAPI()

    @app.on_event("startup")
    async def startup() -> None:
        await server.start_batch_worker()

    @app.post("/act")
    async def act(body: dict) -> dict:
        return await server.predict_async(image=body["image"], instruction=body["instruction"], state=body["state"])

    return app

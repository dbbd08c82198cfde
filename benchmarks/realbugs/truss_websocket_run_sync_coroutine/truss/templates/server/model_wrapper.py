"""The server-side wrapper around a user's model class.

Reproduction of the shape fixed in https://github.com/basetenlabs/truss/pull/1407 (commit
ad2a71d53d133c51ac153ffda664aa16d2e17966, "Missed return in websocket code path"): the model class
is loaded from the user's file with importlib (model/model.py here) and each endpoint is described
by a MethodDescriptor whose is_async comes from inspect.iscoroutinefunction; ModelWrapper.websocket
awaits `self._model.websocket(ws)` when it is async, but then, with no else, also runs
`to_thread.run_sync(self._model.websocket, ws)`, which calls the coroutine function in a worker
thread and drops the coroutine it returns ("coroutine 'Model.websocket' was never awaited"). The
fix put the thread call under else.
"""
import dataclasses
import importlib.util
import inspect
import pathlib
from typing import Any, Callable, Optional

from anyio import to_thread
from fastapi import WebSocket


@dataclasses.dataclass
class MethodDescriptor:
    is_async: bool
    is_generator: bool
    method: Callable

    @classmethod
    def from_method(cls, method: Any) -> "MethodDescriptor":
        return cls(
            is_async=inspect.iscoroutinefunction(method),
            is_generator=inspect.isgeneratorfunction(method) or inspect.isasyncgenfunction(method),
            method=method,
        )


@dataclasses.dataclass
class ModelDescriptor:
    predict: Optional[MethodDescriptor]
    websocket: Optional[MethodDescriptor]

    @classmethod
    def from_model(cls, model: Any) -> "ModelDescriptor":
        def describe(name: str) -> Optional[MethodDescriptor]:
            method = getattr(model, name, None)
            return MethodDescriptor.from_method(method) if method is not None else None

        return cls(predict=describe("predict"), websocket=describe("websocket"))


class ModelWrapper:
    def __init__(self, config: dict):
        self._config = config
        self._model: Any = None
        self._model_descriptor: Optional[ModelDescriptor] = None

    def load(self) -> None:
        module_path = (pathlib.Path(self._config["model_module_dir"]) / self._config["model_class_filename"]).resolve()
        spec = importlib.util.spec_from_file_location(module_path.stem, module_path)
        if not spec or not spec.loader:
            raise ImportError(f"Could not import `{module_path}`.")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        model_class = getattr(module, self._config["model_class_name"])
        self._model = model_class(config=self._config)
        self._model.load()
        self._model_descriptor = ModelDescriptor.from_model(self._model)

    @property
    def model_descriptor(self) -> ModelDescriptor:
        assert self._model_descriptor is not None
        return self._model_descriptor

    async def websocket(self, ws: WebSocket) -> None:
        descriptor = self.model_descriptor.websocket
        if not descriptor:
            await ws.send_bytes(b"websocket not implemented.")
            await ws.close(code=1003)
            return

        if descriptor.is_async:
            await self._model.websocket(ws)
        await to_thread.run_sync(self._model.websocket, ws)  # bug

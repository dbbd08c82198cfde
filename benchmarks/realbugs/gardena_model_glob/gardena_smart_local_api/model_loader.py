"""Device model definitions of a local garden-device API client.

Reproduction of the shape fixed in
https://github.com/cloudless-garden/gardena-smart-local-api/pull/35 (commit e4df6ec, "Fix blocking
scandir call in async event loop"): the async load lists the schema folder with Path.glob on the
loop (os.scandir, reported by Home Assistant) before reading each file with an async file API. The
folder is the instance's Path set in __init__; the fix ran the glob in asyncio.to_thread.
"""
from pathlib import Path
from typing import Any

import yaml
from aiofile import async_open

DEFAULT_SCHEMA_DIR = Path(__file__).parent / "schema"


class ModelDefinition:
    def __init__(self, model_number: str, **data: Any) -> None:
        self.model_number = model_number
        self.name = data.get("name", "")
        self.objects = data.get("objects", {})


class ModelLoader:
    def __init__(self, schema_dir: Path | str = DEFAULT_SCHEMA_DIR):
        self.schema_dir = Path(schema_dir)
        if not self.schema_dir.is_dir():  # also
            raise FileNotFoundError(f"Schema directory not found: {self.schema_dir}")
        self._models: dict[str, ModelDefinition] = {}
        self._loaded = False

    async def load(self) -> None:
        if self._loaded:
            return

        for model_file in sorted(self.schema_dir.glob("*.yaml")):  # bug
            model_number = model_file.stem.split("_")[0]
            async with async_open(model_file, mode="r") as f:
                data = yaml.safe_load(await f.read())
            self._models[model_number] = ModelDefinition(model_number, **data)

        self._loaded = True

    def get_model(self, model_number: str | int) -> ModelDefinition | None:
        return self._models.get(str(model_number))


_loader_cache: dict[Path, ModelLoader] = {}


async def get_model_loader(schema_dir: Path | str = DEFAULT_SCHEMA_DIR) -> ModelLoader:
    path = Path(schema_dir).resolve()  # also

    if path not in _loader_cache:
        loader = ModelLoader(path)  # also
        await loader.load()
        _loader_cache[path] = loader

    return _loader_cache[path]

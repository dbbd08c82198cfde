"""The deployed Haystack pipelines, by name (a module-level registry)."""
from typing import Optional

from haystack import Pipeline
from haystack.core.errors import PipelineError


class _PipelineRegistry:
    def __init__(self) -> None:
        self._pipelines: dict[str, Pipeline] = {}

    def add(self, name: str, source: str) -> Pipeline:
        if name in self._pipelines:
            raise ValueError(f"A pipeline with name {name} is already in the registry.")
        try:
            self._pipelines[name] = Pipeline.loads(source)
        except PipelineError as e:
            raise ValueError(f"Unable to parse Haystack Pipeline {name}: {e}") from e
        return self._pipelines[name]

    def get(self, name: str) -> Optional[Pipeline]:
        return self._pipelines.get(name)


registry = _PipelineRegistry()

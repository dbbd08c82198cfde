"""Builds a mind map from chunks with a chat model (async)."""

import asyncio


class MindMapResult:
    def __init__(self, output: dict) -> None:
        self.output = output


class MindMapExtractor:
    def __init__(self, llm) -> None:
        self._llm = llm

    async def __call__(self, sections: list[str]) -> MindMapResult:
        await asyncio.sleep(0)
        return MindMapResult({"id": "root", "children": [{"id": s[:20]} for s in sections]})

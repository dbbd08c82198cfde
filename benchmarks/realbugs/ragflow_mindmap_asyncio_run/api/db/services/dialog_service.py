"""Retrieval and generation helpers shared by the chat endpoints."""

import asyncio

from rag.graphrag.general.mind_map_extractor import MindMapExtractor


def retrieve_chunks(question: str, kb_ids: list[str]) -> list[dict]:
    return [{"content_with_weight": f"{question} in {kb}"} for kb in kb_ids]


def gen_mindmap(question: str, kb_ids: list[str], tenant_id: str, search_config: dict | None = None) -> dict:
    chunks = retrieve_chunks(question, kb_ids)
    extractor = MindMapExtractor(llm=tenant_id)
    mind_map = asyncio.run(extractor([c["content_with_weight"] for c in chunks]))
    return mind_map.output

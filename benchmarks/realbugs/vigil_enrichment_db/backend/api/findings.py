"""Findings API endpoints of a security-operations back end (FastAPI).

Reproduction of the shape fixed in https://github.com/Vigil-SOC/vigil/pull/518 (commit
cf2cfbb1eee23537f3df8724e7f7e020234c6998, "fix(api): offload blocking I/O off the event loop"):
the async route get_or_generate_enrichment awaits an LLM provider but reads and saves the finding
through data_service (a module-level DatabaseDataService of services/, whose get_finding and
update_finding run synchronous SQLAlchemy sessions of database/service.py, or read and write a
JSON file) on the event loop. The fix wrapped both calls in asyncio.to_thread (and turned the
fully synchronous handlers into plain def).
"""
import json
import logging

from fastapi import APIRouter, HTTPException, Query

from services.database_data_service import DatabaseDataService

router = APIRouter()
logger = logging.getLogger(__name__)
data_service = DatabaseDataService()


class LLMProvider:
    provider_id = "default"
    provider_type = "openai"

    def __init__(self, client=None) -> None:
        # The stand-in's HTTP client is made once, by the caller (the project's LLM code is not
        # part of the bug).
        self.client = client

    async def complete(self, prompt: str) -> str:
        response = await self.client.post("http://llm/v1/complete", json={"prompt": prompt})
        return response.json()["text"]


@router.get("/{finding_id}/enrichment")
async def get_or_generate_enrichment(finding_id: str, force_regenerate: bool = Query(False)):
    finding = data_service.get_finding(finding_id)  # bug
    if not finding:
        raise HTTPException(status_code=404, detail="Finding not found")

    existing_enrichment = finding.get("ai_enrichment")
    if existing_enrichment and not force_regenerate:
        return {"finding_id": finding_id, "cached": True, "enrichment": existing_enrichment}

    provider = LLMProvider()
    prompt = f"Analyse this security finding and respond with JSON:\n{json.dumps(finding)}"
    enrichment = json.loads(await provider.complete(prompt))
    enrichment["provider_id"] = provider.provider_id
    enrichment["provider_type"] = provider.provider_type

    success = data_service.update_finding(finding_id, ai_enrichment=enrichment)  # bug
    if not success:
        logger.error(f"Failed to save enrichment for {finding_id}")
    return {"finding_id": finding_id, "cached": False, "enrichment": enrichment}

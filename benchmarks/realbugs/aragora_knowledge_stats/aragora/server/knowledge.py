from fastapi import APIRouter

from aragora.knowledge.mound import get_knowledge_mound

router = APIRouter()


@router.get("/api/knowledge/stats")
async def knowledge_stats(workspace_id: str = "default") -> dict:
    mound = get_knowledge_mound()
    stats = mound.get_stats(workspace_id)  # bug
    return {"workspace": workspace_id, "stats": stats}

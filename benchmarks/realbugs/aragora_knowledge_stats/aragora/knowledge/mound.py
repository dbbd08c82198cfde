class KnowledgeMound:
    def __init__(self) -> None:
        self._facts: dict[str, list[str]] = {}

    async def get_stats(self, workspace_id: str) -> dict:
        return {"facts": len(self._facts.get(workspace_id, []))}


_MOUND = KnowledgeMound()


def get_knowledge_mound() -> KnowledgeMound:
    return _MOUND

from typing import Any

EMBEDDING_MODELS: dict[str, Any] = {}


class SentenceTransformerEmbeddingMixin:
    model_store: Any

    async def embeddings(self, model_id: str, contents: list[str]) -> dict:
        model = await self.model_store.get_model(model_id)
        embedding_model = self._load_sentence_transformer_model(model.provider_resource_id)  # bug
        embeddings = embedding_model.encode(contents, show_progress_bar=False)  # bug
        return {"embeddings": [list(map(float, row)) for row in embeddings]}

    def _load_sentence_transformer_model(self, model: str):
        loaded = EMBEDDING_MODELS.get(model)
        if loaded is not None:
            return loaded
        from sentence_transformers import SentenceTransformer

        loaded = SentenceTransformer(model)
        EMBEDDING_MODELS[model] = loaded
        return loaded

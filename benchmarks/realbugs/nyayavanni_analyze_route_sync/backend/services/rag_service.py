"""Law retrieval (reproduction, see api/routes.py)."""
import os

import faiss
import google.generativeai as genai
import numpy as np

genai.configure(api_key=os.getenv("GEMINI_API_KEY"))

INDEX_PATH = os.path.join(os.path.dirname(__file__), "..", "data", "faiss_index.bin")
legal_corpus: list = []
index = faiss.read_index(INDEX_PATH) if os.path.exists(INDEX_PATH) else None


def retrieve_relevant_laws(query_text: str, k=2) -> list:
    """Embed the query with Gemini and search the FAISS index for the nearest laws."""
    if not index or index.ntotal == 0:
        return []
    query_embed = genai.embed_content(model="models/gemini-embedding-001", content=query_text, task_type="retrieval_query")
    query_vec = np.array([query_embed["embedding"]], dtype=np.float32)
    _distances, indices = index.search(query_vec, k)
    return [legal_corpus[i] for i in indices[0] if i != -1 and i < len(legal_corpus)]

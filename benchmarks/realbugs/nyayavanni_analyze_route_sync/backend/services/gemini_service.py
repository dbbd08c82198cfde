"""Gemini calls (reproduction, see api/routes.py)."""
import json
import os

import google.generativeai as genai

genai.configure(api_key=os.getenv("GEMINI_API_KEY"))

model = genai.GenerativeModel(model_name="gemini-flash-lite", generation_config={"response_mime_type": "application/json"})
chat_model = genai.GenerativeModel(model_name="gemini-flash-lite", generation_config={"response_mime_type": "text/plain"})


def analyze_document_with_gemini(document_text: str, retrieved_laws: list, language: str = "en") -> dict:
    context = "\n".join(law[:500] for law in retrieved_laws[:3])
    prompt = f"Analyse this legal document ({language}).\nRelevant laws:\n{context}\n\nDocument:\n{document_text[:8000]}"
    response = model.generate_content(prompt)
    return json.loads(response.text)


def generate_chat_response(document_analysis: dict, chat_history: list, user_message: str, language: str = "en") -> str:
    history = "\n".join(f"{m['role']}: {m['message']}" for m in chat_history)
    prompt = f"Context: {json.dumps(document_analysis)}\n{history}\nuser: {user_message}\nAnswer in {language}."
    return chat_model.generate_content(prompt).text

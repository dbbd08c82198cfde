"""The analysis API.

Reproduction of the shape fixed in https://github.com/choudharyms/NyayaVanni/pull/123 (commit
7b70ae08d68b25f05577f2439ef9e37355094070, "prevent event loop blocking by offloading async endpoints
to threadpool"; the same route was reported again in issue #912): the FastAPI routes analyze_document
and chat_general are `async def` and call synchronous services of other modules on the event loop:
the stored file's open(), extract_document (PyMuPDF parsing with a Tesseract OCR fallback,
services/ocr_service.py), retrieve_relevant_laws (a Gemini embedding request and a FAISS search,
services/rag_service.py), analyze_document_with_gemini and generate_chat_response (Gemini requests,
services/gemini_service.py). One upload stalls every other request. The fix made the routes plain
`def` (FastAPI runs them in its thread pool); the five blocking calls are marked (the same fix of
three more routes is left out).
"""
import logging

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from pydantic import BaseModel

from services.gemini_service import analyze_document_with_gemini, generate_chat_response
from services.ocr_service import extract_document
from services.rag_service import retrieve_relevant_laws

logger = logging.getLogger(__name__)

api_router = APIRouter()
DOCUMENTS: dict = {}


class ChatMessage(BaseModel):
    role: str
    message: str


class ChatRequest(BaseModel):
    user_message: str
    chat_history: list[ChatMessage] = []
    document_analysis: dict | None = None
    language: str = "en"


@api_router.post("/analyze/{document_id}")
async def analyze_document(request: Request, document_id: str, language: str = "en", force_ocr: bool = False, file: UploadFile = File(None)):
    """Run the whole analysis pipeline on a stored or uploaded document."""
    try:
        if not file:
            record = DOCUMENTS.get(document_id)
            if not record:
                raise HTTPException(status_code=404, detail="Document not found or file missing")
            with open(record["local_path"], "rb") as f:  # bug
                contents = f.read()
            filename = record["filename"]
        else:
            contents = await file.read()
            filename = file.filename
        text = extract_document(contents, filename, force_ocr=force_ocr)  # bug
        relevant_laws = retrieve_relevant_laws(text, k=3)  # bug
        analysis_result = analyze_document_with_gemini(text, relevant_laws, language)  # bug
        return {"documentId": document_id, "analysis": analysis_result, "extracted_text": text[:500] + "..."}
    except ValueError as val_err:
        raise HTTPException(status_code=400, detail=str(val_err))


@api_router.post("/chat/general")
async def chat_general(request: ChatRequest):
    """General legal chat, no document context."""
    if not request.user_message.strip():
        raise HTTPException(status_code=400, detail="Message cannot be empty")
    history = [{"role": msg.role, "message": msg.message} for msg in request.chat_history]
    response_text = generate_chat_response(request.document_analysis or {}, history, request.user_message, request.language)  # bug
    return {"response": response_text}

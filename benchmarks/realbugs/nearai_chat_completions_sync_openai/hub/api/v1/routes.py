"""The hub's OpenAI-compatible completion routes.

Reproduction of the shape fixed in https://github.com/nearai/nearai/pull/121 (commit
cab5ee3a991df67328242f82749686c831f7c791, "Use `AsyncOpenAI` in hub."): the FastAPI route
chat_completions is an `async def`, and it calls `llm.chat.completions.create(...)` on the client
that get_llm_ai (completions.py, one module away) builds, a synchronous openai.OpenAI, so every
chat completion waits for the provider on the event loop. The plain-def completions route runs in
FastAPI's threadpool and is fine as it is. The fix returned AsyncOpenAI and awaited the call.
"""
import json
import logging
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel

from hub.api.v1.auth import AuthToken, revokable_auth
from hub.api.v1.completions import Message, get_llm_ai, handle_stream

v1_router = APIRouter()
logger = logging.getLogger(__name__)

PROVIDER_MODEL_SEP = "::"


def get_provider_model(provider: Optional[str], model: str):
    if PROVIDER_MODEL_SEP in model:
        return model.split(PROVIDER_MODEL_SEP)
    return provider, model


class LlmRequest(BaseModel):
    model: str
    provider: Optional[str] = None
    max_tokens: Optional[int] = None
    temperature: Optional[float] = None
    stream: bool = False


class CompletionsRequest(LlmRequest):
    prompt: str


class ChatCompletionsRequest(LlmRequest):
    messages: List[Message]


def convert_request(request: ChatCompletionsRequest):
    request.provider, request.model = get_provider_model(request.provider, request.model)
    return request


def convert_completions_request(request: CompletionsRequest):
    request.provider, request.model = get_provider_model(request.provider, request.model)
    return request


@v1_router.post("/completions")
def completions(request: CompletionsRequest = Depends(convert_completions_request), auth: AuthToken = Depends(revokable_auth)):
    try:
        assert request.provider is not None
        llm = get_llm_ai(request.provider)
    except NotImplementedError:
        raise HTTPException(status_code=400, detail="Provider not supported") from None

    resp = llm.completions.create(**request.model_dump(exclude={"provider"}))
    if request.stream:
        return StreamingResponse(handle_stream(resp, lambda text: None), media_type="text/event-stream")
    return JSONResponse(content=resp.model_dump())


@v1_router.post("/chat/completions")
async def chat_completions(
    request: ChatCompletionsRequest = Depends(convert_request), auth: AuthToken = Depends(revokable_auth)
):
    logger.info(f"Received chat completions request: {request.model_dump()}")

    try:
        assert request.provider is not None
        llm = get_llm_ai(request.provider)
    except NotImplementedError:
        raise HTTPException(status_code=400, detail="Provider not supported") from None

    resp = llm.chat.completions.create(**request.model_dump(exclude={"provider"}))  # bug

    if request.stream:

        def add_usage_callback(response_text):
            logger.info("Stream done for %s: %d characters", auth.account_id, len(response_text))

        return StreamingResponse(handle_stream(resp, add_usage_callback), media_type="text/event-stream")

    content = json.dumps(resp.model_dump())
    return JSONResponse(content=json.loads(content))

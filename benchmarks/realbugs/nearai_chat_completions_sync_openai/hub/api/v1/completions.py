"""Provider clients for the hub's completion routes (see routes.py)."""
import json
from enum import Enum
from os import getenv
from typing import Callable

from openai import OpenAI
from pydantic import BaseModel


class Provider(Enum):
    HYPERBOLIC = "hyperbolic"
    FIREWORKS = "fireworks"


def handle_stream(resp_stream, add_usage_callback: Callable):
    chunks = []
    for chunk in resp_stream:
        data = json.dumps(chunk.model_dump())
        chunks.append(data)
        yield f"data: {data}\n\n"
    yield "data: [DONE]\n\n"
    add_usage_callback("".join(chunks))


def get_llm_ai(provider: str) -> OpenAI:
    if provider == "hyperbolic":
        return OpenAI(base_url="https://api.hyperbolic.xyz/v1", api_key=getenv("HYPERBOLIC_API_KEY"))
    if provider == "fireworks":
        return OpenAI(base_url="https://api.fireworks.ai/inference/v1", api_key=getenv("FIREWORKS_API_KEY"))
    raise NotImplementedError


class Message(BaseModel):
    role: str
    content: str

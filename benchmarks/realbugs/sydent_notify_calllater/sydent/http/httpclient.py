"""Federation HTTP client over Twisted (reproduction, see ../threepid/bind.py)."""
import json
from typing import Any, Dict

from twisted.web.client import Agent, readBody
from twisted.web.http_headers import Headers
from twisted.web.client import FileBodyProducer
from io import BytesIO


class FederationHttpClient:
    def __init__(self, sydent) -> None:
        self.agent = Agent(sydent.reactor)

    async def post_json_get_nothing(self, uri: str, post_json: Dict[str, Any], opts: Dict[str, Any]):
        body = FileBodyProducer(BytesIO(json.dumps(post_json).encode("utf8")))
        response = await self.agent.request(
            b"POST", uri.encode("utf8"), Headers({b"Content-Type": [b"application/json"]}), body
        )
        await readBody(response)
        return response

"""The Anthropic /v1/messages handler of the Headroom proxy (a mixin of the proxy server class).

Reproduction of the shape fixed in https://github.com/headroomlabs-ai/headroom/pull/1612 (commit
7b2d39fd33f12df874a3e485c0f7f90f950e9fa4, "perf(proxy): offload image compression off event
loop"): the request coroutine AnthropicHandlerMixin.handle_anthropic_messages gets a compressor from
_get_image_compressor (proxy/helpers.py, imported inside the function; it builds
headroom.image.ImageCompressor lazily) and calls `compressor.compress(messages, ...)` inline: ONNX
technique routing, Pillow decode, resize and JPEG re-encode of every image, freezing the proxy
for every other in-flight request. The fix ran it with self._run_compression_in_executor on the
bounded compression executor (the OpenAI handler's twin line was fixed the same way).
"""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class AnthropicHandlerMixin:
    async def handle_anthropic_messages(self, request):
        from headroom.proxy.helpers import _get_image_compressor

        body = await request.json()
        messages = body.get("messages", [])
        if self.config.image_optimize and messages:
            compressor = None
            try:
                compressor = _get_image_compressor()
                if compressor and compressor.has_images(messages):
                    messages = compressor.compress(messages, provider="anthropic")  # bug
                    if compressor.last_result:
                        logger.info("image compression applied")
            finally:
                if compressor and hasattr(compressor, "close"):
                    compressor.close()
        body["messages"] = messages
        return await self._forward_upstream("anthropic", body, request.headers)

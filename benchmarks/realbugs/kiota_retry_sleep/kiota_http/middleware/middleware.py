"""Pipeline of asynchronous HTTP middleware (reproduction, see retry_handler.py)."""
import httpx


class MiddlewarePipeline:
    def __init__(self, transport: httpx.AsyncBaseTransport):
        self._current_middleware = None
        self._first_middleware = None
        self._transport = transport

    def add_middleware(self, middleware):
        if self._current_middleware:
            self._current_middleware.next = middleware
            self._current_middleware = middleware
        else:
            self._first_middleware = middleware
            self._current_middleware = middleware

    async def send(self, request):
        if self._current_middleware:
            return await self._first_middleware.send(request, self._transport)
        return await self._transport.handle_async_request(request)


class BaseMiddleware:
    def __init__(self):
        self.next = None

    async def send(self, request, transport):
        if self.next is None:
            return await transport.handle_async_request(request)
        return await self.next.send(request, transport)

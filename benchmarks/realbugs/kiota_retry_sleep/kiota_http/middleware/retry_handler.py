"""Retry middleware of an asynchronous httpx pipeline.

Reproduction of the shape fixed in https://github.com/microsoft/kiota-python/pull/485 (commit
93f409d4dae5800e4b88bb40d8a33977c3b7fe3a, "fix: use asyncio.sleep for non-blocking delay in
RetryHandler"; reported again as issue #505): the async send() of the retry middleware waited
between retries with time.sleep(delay), freezing the event loop (and every other request of an
async web app) for up to the maximum delay. The fix awaited asyncio.sleep(delay).
"""
import datetime
import random
import time
from email.utils import parsedate_to_datetime

import httpx

from .middleware import BaseMiddleware
from .options import RetryHandlerOption

RETRY_ATTEMPT = "Retry-Attempt"


class RetryHandler(BaseMiddleware):
    DEFAULT_BACKOFF_FACTOR: float = 0.5
    MAXIMUM_BACKOFF: int = 120
    DEFAULT_RETRY_STATUS_CODES: set[int] = {429, 503, 504}

    def __init__(self, options: RetryHandlerOption = RetryHandlerOption()) -> None:
        super().__init__()
        self.backoff_factor = self.DEFAULT_BACKOFF_FACTOR
        self.backoff_max = self.MAXIMUM_BACKOFF
        self.options = options
        self.retry_on_status_codes = self.DEFAULT_RETRY_STATUS_CODES

    async def send(self, request: httpx.Request, transport: httpx.AsyncBaseTransport):
        """Send the request to the next middleware, retrying it when the response asks for it."""
        response = None
        current_options = self._get_current_options(request)
        retry_valid = current_options.should_retry
        while retry_valid:
            response = await super().send(request, transport)
            retry_count = int(response.request.headers.get(RETRY_ATTEMPT, 0))
            retry_valid = self.check_retry_valid(retry_count, current_options)
            delay = self.get_delay_time(retry_count, response, current_options.max_delay)
            should_retry = response.status_code in self.retry_on_status_codes
            if all([should_retry, retry_valid, delay < RetryHandlerOption.MAX_DELAY]):
                time.sleep(delay)  # bug
                retry_count += 1
                request.headers.update({RETRY_ATTEMPT: f"{retry_count}"})
                continue
            break
        if response is None:
            response = await super().send(request, transport)
        return response

    def _get_current_options(self, request: httpx.Request) -> RetryHandlerOption:
        request_options = getattr(request, "options", None)
        if request_options:
            return request_options.get(RetryHandlerOption.get_key(), self.options)
        return self.options

    def check_retry_valid(self, retry_count, options):
        return retry_count < options.max_retries

    def get_delay_time(self, retry_count, response=None, delay=RetryHandlerOption.DEFAULT_DELAY):
        retry_after = self._get_retry_after(response)
        if retry_after:
            return retry_after
        return self._get_delay_time_exp_backoff(retry_count, delay)

    def _get_delay_time_exp_backoff(self, retry_count, delay):
        if retry_count <= 1:
            backoff = 0
        else:
            backoff = self.backoff_factor * (2 ** (retry_count - 1))
        return min(backoff + random.random(), self.backoff_max, delay)

    def _get_retry_after(self, response):
        retry_after = response.headers.get("Retry-After") if response is not None else None
        if retry_after:
            return self._parse_retry_after(retry_after)
        return None

    def _parse_retry_after(self, retry_after):
        if retry_after.isdigit():
            return int(retry_after)
        when = parsedate_to_datetime(retry_after)
        return max(0, (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds())

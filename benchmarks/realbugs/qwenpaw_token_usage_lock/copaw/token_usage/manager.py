"""Token usage manager of an agent server.

Reproduction of the shape reported in https://github.com/agentscope-ai/QwenPaw/issues/1834
(TokenUsageManager.record uses threading.Lock in async context, causing event loop lockup /
deadlock under load) and fixed in pull request https://github.com/agentscope-ai/QwenPaw/pull/1893
(commit https://github.com/agentscope-ai/QwenPaw/commit/2cd5466e4d4cdfd9b38d7f06f3e409920f92ace4;
#2016 made the same change): __init__ sets self._file_lock = threading.Lock() and the async
record() does `with self._file_lock:` around `await self._load_data()` and
`await self._save_data(data)`. The fix used asyncio.Lock with `async with`. The class-level
threading.Lock guarding the singleton in the sync get_instance is fine. The Path.exists / mkdir
calls in the async helpers stayed.
"""
import json
import logging
import threading
from datetime import date
from pathlib import Path

import aiofiles

from ..constant import TOKEN_USAGE_FILE, WORKING_DIR

logger = logging.getLogger(__name__)


class TokenUsageManager:
    """Manager for token usage records. Use get_instance() to obtain the singleton."""

    _instance: "TokenUsageManager | None" = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        self._path: Path = (WORKING_DIR / TOKEN_USAGE_FILE).expanduser()
        self._file_lock = threading.Lock()

    async def _load_data(self) -> dict:
        if not self._path.exists():  # also
            return {}
        try:
            async with aiofiles.open(self._path, mode="r", encoding="utf-8") as f:
                raw = await f.read()
            return json.loads(raw) if raw.strip() else {}
        except (json.JSONDecodeError, OSError) as e:
            logger.warning("Failed to read token usage file %s: %s", self._path, e)
            return {}

    async def _save_data(self, data: dict) -> None:
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)  # also
            async with aiofiles.open(self._path, mode="w", encoding="utf-8") as f:
                await f.write(json.dumps(data, ensure_ascii=False, indent=2))
        except OSError as e:
            logger.warning("Failed to write token usage to %s: %s", self._path, e)

    async def record(
        self,
        provider_id: str,
        model_name: str,
        prompt_tokens: int,
        completion_tokens: int,
        at_date: date | None = None,
    ) -> None:
        """Record token usage for a given provider, model and date."""
        if at_date is None:
            at_date = date.today()
        date_str = at_date.isoformat()
        composite_key = f"{provider_id}:{model_name}"

        with self._file_lock:  # bug
            data = await self._load_data()
            by_key = data.setdefault(date_str, {})
            entry = by_key.setdefault(
                composite_key,
                {"provider_id": provider_id, "model_name": model_name, "prompt_tokens": 0, "completion_tokens": 0, "call_count": 0},
            )
            entry["prompt_tokens"] += prompt_tokens
            entry["completion_tokens"] += completion_tokens
            entry["call_count"] += 1
            await self._save_data(data)

    @classmethod
    def get_instance(cls) -> "TokenUsageManager":
        """Return the singleton TokenUsageManager instance."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls()
        return cls._instance

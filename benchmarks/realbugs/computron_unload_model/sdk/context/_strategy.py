"""Context compaction: summarize old messages with a local model, then unload it.

Reproduction of the shape fixed in https://github.com/lefoulkrod/computron_9000/pull/60: the async
apply() of the compaction strategy called _unload_model, a module-level sync helper that ran
`ollama stop <model>` with subprocess.run (imported inside the function, timeout=30) on every exit
path, blocking the event loop for up to 30 seconds. The fix made the helper async with
asyncio.create_subprocess_exec and awaited it at the three call sites.
"""

import asyncio
import logging

logger = logging.getLogger(__name__)

_CALL_TIMEOUT = 120


class LLMCompactionStrategy:
    def __init__(self, keep_recent_groups: int = 2) -> None:
        self._keep_recent_groups = keep_recent_groups

    def _resolve_model(self, cfg: dict) -> tuple[str, dict] | None:
        model = cfg.get("summary_model")
        return (model, {}) if model else None

    async def _summarize(self, messages: list[dict], prior: str | None) -> tuple[str, str]:
        await asyncio.sleep(0)
        return "summary", "qwen"

    async def apply(self, history: list[dict], cfg: dict) -> None:
        """Summarize old messages and replace them with a compact summary."""
        resolved = self._resolve_model(cfg)
        if resolved is None:
            return
        resolved_model, _options = resolved

        import time as _time

        t0 = _time.monotonic()
        try:
            summary, model_name = await self._summarize(history, None)
        except TimeoutError:
            logger.warning("compaction timed out after %ds, skipping", _CALL_TIMEOUT)
            _unload_model(resolved_model)  # bug
            return
        except Exception:
            logger.exception("LLM call failed, skipping compaction")
            _unload_model(resolved_model)  # bug
            return
        elapsed = _time.monotonic() - t0
        logger.info("compacted in %.1fs", elapsed)
        history[:] = [{"role": "system", "content": summary}]

        # Unload the summarizer model to free VRAM for the main agent.
        _unload_model(model_name)  # bug


def _unload_model(model: str) -> None:
    """Unload a model from Ollama to free VRAM."""
    import subprocess

    try:
        subprocess.run(
            ["ollama", "stop", model],
            capture_output=True, timeout=30,
        )
    except Exception:
        logger.debug("Failed to unload model %s", model)

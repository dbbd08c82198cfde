"""File watcher for auto-commit (Home Assistant custom integration).

Reproduction of the shape reported in https://github.com/manuveli/git-ha-ppens/issues/68
(Detected blocking call to read_text ... at file_watcher.py: content =
gitignore_path.read_text(encoding="utf-8")) and fixed in commit
https://github.com/manuveli/git-ha-ppens/commit/6a661ee8178eb7066de5d526a11f52ea6ca3470a: the async
async_start constructed _ChangeCollector(...) (same module), whose __init__ called
self._load_gitignore(), which checks Path.exists() and reads .gitignore with Path.read_text. The fix
dropped the call from __init__ and ran _load_gitignore with hass.async_add_executor_job. The
watchdog callbacks re-read the file on the observer thread, which is fine.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from homeassistant.core import HomeAssistant
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

_LOGGER = logging.getLogger(__name__)


class _ChangeCollector(FileSystemEventHandler):
    """Collects file system change events for debounced processing."""

    def __init__(self, repo_path: str, on_change: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._repo_path = repo_path
        self._changed_files: set[str] = set()
        self._on_change = on_change
        self._ignore_patterns: list[str] = []
        self._load_gitignore()

    def _load_gitignore(self) -> None:
        """Re-read the ignore patterns so user edits take effect without a restart."""
        gitignore_path = Path(self._repo_path) / ".gitignore"
        patterns: list[str] = []
        if gitignore_path.exists():
            try:
                content = gitignore_path.read_text(encoding="utf-8")
                for line in content.splitlines():
                    stripped = line.strip()
                    if stripped and not stripped.startswith("#"):
                        patterns.append(stripped.rstrip("/"))
            except OSError:
                _LOGGER.warning("Could not read .gitignore, using empty ignore list")
        self._ignore_patterns = patterns

    def _should_ignore(self, path: str) -> bool:
        parts = Path(path).parts
        if ".git" in parts:
            return True
        self._load_gitignore()
        return any(pattern in parts for pattern in self._ignore_patterns)

    def on_modified(self, event: FileSystemEvent) -> None:
        if not event.is_directory and not self._should_ignore(event.src_path):
            self._changed_files.add(event.src_path)
            if self._on_change:
                self._on_change()


class GitFileWatcher:
    """Watches the configuration folder and commits changes after a quiet period."""

    def __init__(self, hass: HomeAssistant, repo_path: str, debounce_seconds: int = 300) -> None:
        self._hass = hass
        self._repo_path = repo_path
        self._debounce_seconds = debounce_seconds
        self._observer: Observer | None = None
        self._change_collector: _ChangeCollector | None = None
        self._debounce_handle: asyncio.TimerHandle | None = None
        self._running = False

    async def async_start(self) -> None:
        """Start watching for file changes."""
        if self._running:
            return

        self._change_collector = _ChangeCollector(  # bug
            self._repo_path, on_change=self.schedule_commit
        )
        self._observer = Observer()
        self._observer.schedule(self._change_collector, self._repo_path, recursive=True)

        # Start observer in executor to avoid blocking
        await self._hass.async_add_executor_job(self._observer.start)
        self._running = True

    def schedule_commit(self) -> None:
        self._hass.loop.call_soon_threadsafe(self._schedule_commit_on_loop)

    def _schedule_commit_on_loop(self) -> None:
        if self._debounce_handle:
            self._debounce_handle.cancel()
        self._debounce_handle = self._hass.loop.call_later(self._debounce_seconds, lambda: None)

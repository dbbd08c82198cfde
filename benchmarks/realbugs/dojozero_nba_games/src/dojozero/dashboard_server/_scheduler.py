"""Scheduler of the dashboard server (reproduction, see _game_discovery.py)."""
import asyncio

from ._game_discovery import NBAGameFetcher


class TrialScheduler:
    def __init__(self) -> None:
        self._nba_fetcher = NBAGameFetcher()
        self._known: set[str] = set()

    async def _discover(self, date: str | None) -> None:
        games = await self._nba_fetcher.fetch_games_for_date(date)
        for game in games:
            self._known.add(game.event_id)

    async def run(self) -> None:
        while True:
            await self._discover(None)
            await asyncio.sleep(300)

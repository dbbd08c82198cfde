"""Game discovery of a sports-betting agent dashboard.

Reproduction of the shape fixed in https://github.com/agentscope-ai/DojoZero/pull/30 (commit
f3fd15dcd43c859b2e28d596a169b90b71ebd6b7, "Fix event loop blocking issue"): the async methods
fetch_games_for_date and get_game_status of NBAGameFetcher import get_games_for_date from
dojozero.data.nba._utils inside the method and call it; the helper queries the NBA stats API
synchronously (nba_api's ScoreboardV3, over requests) on the dashboard server's event loop. The
fix ran both calls with asyncio.to_thread.
"""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

LOGGER = logging.getLogger(__name__)


@dataclass
class GameInfo:
    event_id: str
    status: int
    status_text: str
    short_name: str


class NBAGameFetcher:
    """Fetches NBA game information from NBA API."""

    async def fetch_games_for_date(self, date: str | None = None) -> list[GameInfo]:
        from dojozero.data.nba._utils import get_games_for_date

        if date is None:
            date = datetime.now().strftime("%Y-%m-%d")
        try:
            games_raw = get_games_for_date(date, print_games=False)  # bug
        except Exception as e:
            LOGGER.error("Error fetching NBA games for %s: %s", date, e)
            return []
        return [
            GameInfo(
                event_id=str(g.get("gameId", "")),
                status=g.get("gameStatus", 1),
                status_text=g.get("gameStatusText", ""),
                short_name=f"{g['awayTeam'].get('teamTricode', '')} @ {g['homeTeam'].get('teamTricode', '')}",
            )
            for g in games_raw
        ]

    async def fetch_games_for_date_range(self, start: datetime, days: int) -> list[GameInfo]:
        games: list[GameInfo] = []
        for offset in range(days):
            date_str = (start + timedelta(days=offset)).strftime("%Y-%m-%d")
            games.extend(await self.fetch_games_for_date(date_str))
        return games

    async def get_game_status(self, game_id: str, game_date: str | None = None) -> int | None:
        from dojozero.data.nba._utils import get_games_for_date

        if game_date:
            dates_to_check = [game_date]
        else:
            today = datetime.now()
            dates_to_check = [today.strftime("%Y-%m-%d"), (today - timedelta(days=1)).strftime("%Y-%m-%d")]
        for date in dates_to_check:
            try:
                games = get_games_for_date(date, print_games=False)  # bug
                for g in games:
                    if str(g.get("gameId")) == game_id:
                        return g.get("gameStatus")
            except Exception as e:
                LOGGER.warning("Error checking game status for %s on %s: %s", game_id, date, e)
        return None

"""NBA data helpers over nba_api (reproduction, see ../../dashboard_server/_game_discovery.py)."""
from datetime import datetime
from typing import Any


def get_games_for_date(
    game_date: datetime | str,
    print_games: bool = False,
    proxy: str | None = None,
) -> list[dict[str, Any]]:
    import logging

    from dateutil import parser
    from nba_api.stats.endpoints import scoreboardv3

    logger = logging.getLogger(__name__)
    try:
        if isinstance(game_date, datetime):
            requested_date = game_date.date()
        else:
            requested_date = parser.parse(game_date).date()
        date_str = requested_date.strftime("%Y-%m-%d")
        board = (
            scoreboardv3.ScoreboardV3(game_date=date_str, proxy=proxy)
            if proxy
            else scoreboardv3.ScoreboardV3(game_date=date_str)
        )
        games_data = board.get_dict()
        if not games_data or "scoreboard" not in games_data:
            return []
        games = []
        for game_data in games_data["scoreboard"].get("games", []):
            games.append(
                {
                    "gameId": game_data.get("gameId", ""),
                    "gameStatus": game_data.get("gameStatus", 0),
                    "gameStatusText": game_data.get("gameStatusText", "Unknown"),
                    "gameTimeUTC": game_data.get("gameTimeUTC", ""),
                    "homeTeam": game_data.get("homeTeam", {}),
                    "awayTeam": game_data.get("awayTeam", {}),
                }
            )
        if print_games:
            for game in games:
                print(game["gameId"], game["gameStatusText"])
        return games
    except Exception as e:
        logger.error("Error fetching games for %s: %s", game_date, e)
        return []

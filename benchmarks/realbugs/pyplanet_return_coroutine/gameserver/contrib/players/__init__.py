from .manager import PlayerManager, PlayerNotFound

__all__ = ["PlayerManager", "PlayerNotFound"]

from .manager import PlayerManager

__all__ = ["PlayerManager"]

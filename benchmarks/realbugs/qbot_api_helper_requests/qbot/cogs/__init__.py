from .auth import AuthCog
from .queue import QueueCog

__all__ = [AuthCog, QueueCog]

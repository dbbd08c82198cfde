"""Stand-in for the command-queue library the project calls (its sync helper wraps asyncio.run)."""

from .client import execute_command_sync

__all__ = ["execute_command_sync"]

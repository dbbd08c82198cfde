"""Submit a command and wait for its result."""

import asyncio


async def _submit_and_wait(app: str, command: str, args: dict, timeout: int) -> dict:
    await asyncio.sleep(0)
    return {"app": app, "command": command, "args": args, "status": "completed"}


def execute_command_sync(app: str, command: str, args: dict, timeout: int = 60) -> dict:
    """Blocking convenience wrapper for scripts."""
    return asyncio.run(_submit_and_wait(app, command, args, timeout))

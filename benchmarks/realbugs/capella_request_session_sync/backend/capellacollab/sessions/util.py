import asyncio
import random
import string

from capellacollab.sessions import hooks


class ConflictingSessionError(Exception):
    pass


def generate_id() -> str:
    return "".join(random.choices(string.ascii_lowercase, k=25))


def raise_if_conflicting_sessions(tool, version, workspace_type, user) -> None:
    existing_tool_version_workspace_combinations = {
        (session.tool.id, session.version.id, session.type) for session in user.sessions
    }
    if (tool.id, version.id, workspace_type) in existing_tool_version_workspace_combinations:
        raise ConflictingSessionError(tool.name, version.name)


async def schedule_configuration_hooks(request, tool) -> list[dict]:
    """Schedule sync and async configuration hooks."""
    activated_hooks = hooks.get_activated_integration_hooks(tool)

    async_hooks = [hook.async_configuration_hook(request) for hook in activated_hooks]

    return [
        hook.configuration_hook(request) for hook in activated_hooks  # bug
    ] + await asyncio.gather(*async_hooks)

"""The command registry (reproduction, see sockets/slack.py)."""
import logging
import shlex

import pkg_resources

logger = logging.getLogger(__name__)

_commands_registry = {}
_registry_initialized = False


def get_commands_registry():
    """Populate and return the registry of every installed command worker (entry points)."""
    global _registry_initialized
    if _registry_initialized:
        return _commands_registry
    for worker in pkg_resources.iter_entry_points("nautobot.workers"):
        try:
            command_func = worker.load()
        except Exception as exc:
            logger.warning("Unable to load worker %s, skipping: %s", worker.name, exc)
            continue
        entry = _commands_registry.setdefault(worker.name, {"subcommands": {}})
        entry["function"] = command_func
        entry["doc"] = command_func.__doc__.splitlines()[0]
    _registry_initialized = True
    return _commands_registry


def parse_command_string(command_string):
    """Split 'command sub-command args...' into (command, subcommand, [args])."""
    command, *rest = shlex.split(command_string)
    if not rest:
        return command, "", []
    return command, rest[0], rest[1:]

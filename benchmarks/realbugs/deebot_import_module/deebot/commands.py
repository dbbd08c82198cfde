import importlib


def get_command_class(name):
    module = importlib.import_module(f"deebot.commands_{name}")
    return getattr(module, "Command")

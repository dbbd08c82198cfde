"""Global commands of the mail client (reduced to the `call` command).

Reproduction of the shape fixed in https://github.com/pazz/alot/issues/1286 (PR #1287, commit
4ca7f9ffce68d737642071f5dffaa78a738d8520, "Convert CallCommand.apply to a coroutine"): the plain
CallCommand.apply runs the user's python string with exec(self.command); when the string calls a
hook that is a coroutine function (`hooks.func(ui)`), the coroutine is created and dropped, never
awaited, so the hook does nothing. The fix made apply async, evaluated the string with eval() and
awaited the result when it is a coroutine. ui.py awaits apply when it is a coroutine function.
"""
import logging

from alot.commands import Command
from alot.settings.const import settings


class CallCommand(Command):
    """execute python code"""

    repeatable = True

    def __init__(self, command, **kwargs):
        Command.__init__(self, **kwargs)
        self.command = command

    def apply(self, ui):
        try:
            hooks = settings.hooks
            if hooks:
                env = {"ui": ui, "settings": settings}
                for k, v in env.items():
                    if k not in hooks.__dict__:
                        hooks.__dict__[k] = v

            exec(self.command)  # bug
        except Exception as e:
            logging.exception(e)
            msg = 'an error occurred during execution of "%s":\n%s'
            ui.notify(msg % (self.command, e), priority="error")

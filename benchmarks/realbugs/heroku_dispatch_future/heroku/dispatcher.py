"""Command dispatcher of a Telegram userbot.

Reproduction of the shape fixed in https://github.com/coddrago/Heroku/pull/20 ("fix tasks
disappearing mid-execution via asyncio.ensure_future/create_task": results of ensure_future /
create_task were discarded across the code base; the fix patched BaseEventLoop.create_task once to
keep every task in a set until done). The code read here is the repository at commit b789dac9,
before the fix; the call site reproduced is the first discarded one in file order: the async
handle_command runs `asyncio.ensure_future(self.future_dispatcher(func, message,
self.command_exc))` (call split over lines) as a statement, so the command's task is referenced
only weakly by the loop.
"""
import asyncio
import logging
import sys
import typing

from . import loader

logger = logging.getLogger(__name__)


class CommandDispatcher:
    def __init__(self, modules, client) -> None:
        self._modules = modules
        self.client = client

    async def _handle_command(self, event) -> typing.Union[bool, tuple]:
        message = event.message
        prefix, _, txt = message.message.partition(" ")
        func = self._modules.commands.get(prefix.lstrip("."))
        if func is None:
            return False
        return message, prefix, txt, func

    async def handle_command(self, event):
        """Handle all commands"""
        message = await self._handle_command(event)
        if not message:
            return

        message, _, _, func = message

        asyncio.ensure_future(  # bug
            self.future_dispatcher(
                func,
                message,
                self.command_exc,
            )
        )

    async def command_exc(self, _, message):
        exc = sys.exc_info()[1]
        logger.exception("Command failed: %s", exc)
        await message.edit(f"Command failed: {exc}")

    async def future_dispatcher(self, func: typing.Callable, message, exception_handler: typing.Callable, *args):
        try:
            await loader._call_with_external_context(func, message)
        except Exception as e:
            await exception_handler(e, message, *args)

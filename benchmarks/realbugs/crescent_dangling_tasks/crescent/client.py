"""The crescent command client on top of a hikari bot.

Reproduction of the shape fixed in https://github.com/hikari-crescent/hikari-crescent/pull/287
(commit 87c6fe0fb9c2e1096d7e6d36bebe0758b775a796, "Fix Dangling Tasks"): Client.on_rest_interaction
(the REST interaction server's listener coroutine) starts `create_task(handle_resp(...))`, imported
as `from asyncio import create_task`, and keeps the task nowhere while it awaits the future the
task will fill; ext/tasks/task.py's Task._call_async (a plain method run by loop.call_later) does
`ensure_future(self.callback())` the same way. Both tasks can be garbage-collected mid-run. The fix
kept them in a module-level background set (crescent.utils.create_task); both lines are marked.
"""
from __future__ import annotations

from asyncio import Future, create_task, get_running_loop
from typing import Any, Coroutine

from crescent.internal.handle_resp import handle_resp


class Client:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.commands = app.command_registry
        self._started = False
        app.interaction_server.set_listener(object, self.on_rest_interaction)

    async def on_rest_interaction(self, interaction: Any) -> Any:
        future: Future[Any] = get_running_loop().create_future()
        create_task(handle_resp(self, interaction, future))  # bug
        return await future

    async def on_interaction_event(self, event: Any) -> None:
        await handle_resp(self, event.interaction, None)

    def _run_future(self, callback: Coroutine[Any, Any, Any]) -> None:
        if self._started:
            self._startup_task = get_running_loop().create_task(callback)
        else:
            self.app.add_startup_callback(lambda _: callback)

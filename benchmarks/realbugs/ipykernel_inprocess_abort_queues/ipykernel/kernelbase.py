"""Base class for a kernel that talks to frontends over 0MQ (reproduction, see inprocess/ipkernel.py)."""
import asyncio
from functools import partial

from traitlets import Float
from traitlets.config.configurable import SingletonConfigurable


class Kernel(SingletonConfigurable):
    stop_on_error_timeout = Float(0.0, config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._aborting = False
        self.aborted = set()

    async def execute_request(self, stream, ident, parent):
        """handle an execute_request"""
        content = parent["content"]
        code = content["code"]
        silent = content["silent"]
        stop_on_error = content.get("stop_on_error", True)
        reply_content = await self.do_execute(code, silent)
        reply_msg = self.session.send(stream, "execute_reply", reply_content, parent, ident=ident)
        if not silent and reply_msg["content"]["status"] == "error" and stop_on_error:
            self._abort_queues()

    async def do_execute(self, code, silent):
        raise NotImplementedError

    async def abort_request(self, stream, ident, parent):
        """abort a specific msg by id"""
        msg_ids = parent["content"].get("msg_ids", None)
        if isinstance(msg_ids, str):
            msg_ids = [msg_ids]
        if not msg_ids:
            self._abort_queues()
        for mid in msg_ids or []:
            self.aborted.add(str(mid))

    def schedule_dispatch(self, dispatch, *args):
        self.msg_queue.put_nowait((dispatch, args))

    def _abort_queues(self):
        # while this flag is true, execute requests will be aborted
        self._aborting = True
        self.shell_stream.flush()

        async def stop_aborting():
            self._aborting = False

        schedule_stop_aborting = partial(self.schedule_dispatch, stop_aborting)
        asyncio.get_event_loop().call_later(self.stop_on_error_timeout, schedule_stop_aborting)

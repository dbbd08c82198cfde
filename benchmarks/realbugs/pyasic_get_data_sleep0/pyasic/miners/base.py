"""Base protocol of the miners' data collection (reduced to _get_data).

Reproduction of the shape fixed in https://github.com/UpstreamData/pyasic/issues/154 (commit
dac9bcc3de4851af827fa0c422fdf154414f49c6, "improve `_get_data` implementation slightly", released
in 0.57.6): when no RPC or no web command is needed, the coroutine _get_data puts a bare coroutine
object, asyncio.sleep(0), in api_command_task / web_command_task as a no-op and awaits it later;
when the first await raises (a web command failing), the other placeholder is never awaited
("RuntimeWarning: coroutine 'sleep' was never awaited", reported on every poll). The fix wrapped
both placeholders in asyncio.create_task and awaited both with asyncio.gather.
"""
import asyncio
from typing import List, Optional, Protocol, Union

from pyasic.errors import APIError
from pyasic.miners.data import DataLocations, DataOptions, RPCAPICommand, WebAPICommand


class MinerProtocol(Protocol):
    rpc = None
    web = None
    data_locations: DataLocations = None

    @property
    def api(self):
        return self.rpc

    async def _get_hostname(self, web_info: dict = None) -> Optional[str]:
        pass

    async def _get_hashrate(self, rpc_summary: dict = None) -> Optional[float]:
        pass

    async def _get_data(
        self,
        allow_warning: bool,
        include: List[Union[str, DataOptions]] = None,
        exclude: List[Union[str, DataOptions]] = None,
    ) -> dict:
        if include is not None:
            include = [str(i) for i in include]
        else:
            include = [str(enum_value.value) for enum_value in DataOptions]

        if exclude is not None:
            for item in exclude:
                if str(item) in include:
                    include.remove(str(item))

        api_multicommand = set()
        web_multicommand = []
        for data_name in include:
            fn_args = getattr(self.data_locations, data_name).kwargs
            for arg in fn_args:
                if isinstance(arg, RPCAPICommand):
                    api_multicommand.add(arg.cmd)
                if isinstance(arg, WebAPICommand):
                    if arg.cmd not in web_multicommand:
                        web_multicommand.append(arg.cmd)

        if len(api_multicommand) > 0:
            api_command_task = asyncio.create_task(self.api.multicommand(*api_multicommand, allow_warning=allow_warning))
        else:
            api_command_task = asyncio.sleep(0)  # bug
        if len(web_multicommand) > 0:
            web_command_task = asyncio.create_task(self.web.multicommand(*web_multicommand, allow_warning=allow_warning))
        else:
            web_command_task = asyncio.sleep(0)  # bug

        web_command_data = await web_command_task
        if web_command_data is None:
            web_command_data = {}

        api_command_data = await api_command_task
        if api_command_data is None:
            api_command_data = {}

        miner_data = {}
        for data_name in include:
            fn_args = getattr(self.data_locations, data_name).kwargs
            args_to_send = {k.name: None for k in fn_args}
            for arg in fn_args:
                if isinstance(arg, RPCAPICommand):
                    args_to_send[arg.name] = api_command_data.get(arg.cmd, [None])[0]
                if isinstance(arg, WebAPICommand):
                    args_to_send[arg.name] = web_command_data.get(arg.cmd)
            try:
                function = getattr(self, getattr(self.data_locations, data_name).cmd)
                miner_data[data_name] = await function(**args_to_send)
            except Exception as e:
                raise APIError(f"Failed to call {data_name} on {self} while getting data.") from e
        return miner_data

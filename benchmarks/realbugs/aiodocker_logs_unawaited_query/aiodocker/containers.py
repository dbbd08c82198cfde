"""Docker containers API of aiodocker.

Reproduction of the shape fixed in https://github.com/aio-libs/aiodocker/pull/861 ("Fix never awaited
coroutines to close": "RuntimeWarning: coroutine 'Docker._do_query' was never awaited ... One of the
suspicious parts is from Container.log()"), commit 7b3d86f5dcdfc1f61bd3cf6be9a6ad204d32c32a: the plain
method DockerContainer.log builds `cm = self.docker._query(...)`, an _AsyncCM holding the
_do_query(...) coroutine not yet awaited, and hands it to the async generator _logs_stream or the
coroutine _logs_list; both first `await self.show()`, and when that raises DockerError they return
before `async with cm`, so the _do_query coroutine is never awaited. The fix wrapped both awaits in
try/except DockerError that closes the coroutine (cm.cancel()) before re-raising; the two lines are
marked.
"""
from .utils import _AsyncCM


async def multiplexed_result_list(response, is_tty):
    return [line async for line in response.content]


async def multiplexed_result_stream(response, is_tty):
    async for line in response.content:
        yield line


class DockerContainers:
    def __init__(self, docker):
        self.docker = docker

    async def list(self, **kwargs):
        data = await self.docker._query_json("containers/json", method="GET", params=kwargs)
        return [DockerContainer(self.docker, **x) for x in data]

    def container(self, container_id, **kwargs):
        data = {"id": container_id}
        data.update(kwargs)
        return DockerContainer(self.docker, **data)


class DockerContainer:
    def __init__(self, docker, **kwargs):
        self.docker = docker
        self._container = kwargs
        self._id = self._container.get("id", self._container.get("ID", self._container.get("Id")))

    @property
    def id(self) -> str:
        return self._id

    def log(self, *, stdout=False, stderr=False, follow=False, **kwargs):
        if stdout is False and stderr is False:
            raise TypeError("Need one of stdout or stderr")

        params = {"stdout": stdout, "stderr": stderr, "follow": follow}
        params.update(kwargs)

        cm: _AsyncCM = self.docker._query(f"containers/{self._id}/logs", method="GET", params=params)

        if follow:
            return self._logs_stream(cm)
        else:
            return self._logs_list(cm)

    async def _logs_stream(self, cm):
        inspect_info = await self.show()  # bug
        is_tty = inspect_info["Config"]["Tty"]

        async with cm as response:
            async for item in multiplexed_result_stream(response, is_tty=is_tty):
                yield item

    async def _logs_list(self, cm):
        inspect_info = await self.show()  # bug
        is_tty = inspect_info["Config"]["Tty"]

        async with cm as response:
            return await multiplexed_result_list(response, is_tty=is_tty)

    async def show(self, **kwargs):
        data = await self.docker._query_json(f"containers/{self._id}/json", method="GET", params=kwargs)
        self._container = data
        return data

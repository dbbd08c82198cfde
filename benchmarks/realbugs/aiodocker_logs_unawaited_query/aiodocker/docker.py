import json

import aiohttp
from yarl import URL

from .containers import DockerContainers
from .exceptions import DockerError
from .utils import _AsyncCM


class Docker:
    def __init__(self, url="http://localhost:2375", session=None, api_version="auto"):
        self.docker_host = url
        self.api_version = api_version
        self.session = session or aiohttp.ClientSession()
        self.containers = DockerContainers(self)

    def _canonicalize_url(self, path, *, versioned_api=True):
        if versioned_api:
            return URL(f"{self.docker_host}/{self.api_version}/{path}")
        return URL(f"{self.docker_host}/{path}")

    async def _check_version(self) -> None:
        if self.api_version == "auto":
            ver = await self._query_json("version", versioned_api=False)
            self.api_version = "v" + ver["ApiVersion"]

    def _query(self, path, method="GET", *, params=None, data=None, headers=None, versioned_api=True):
        """Get the response object by performing the HTTP request.

        The caller is responsible to finalize the response object.
        """
        return _AsyncCM(
            self._do_query(path=path, method=method, params=params, data=data, headers=headers, versioned_api=versioned_api)
        )

    async def _do_query(self, path, method, *, params, data, headers, versioned_api):
        if versioned_api:
            await self._check_version()
        url = self._canonicalize_url(path, versioned_api=versioned_api)
        response = await self.session.request(method, url, params=params, headers=headers, data=data)
        if (response.status // 100) in [4, 5]:
            what = await response.read()
            response.close()
            raise DockerError(response.status, json.loads(what.decode("utf8")))
        return response

    async def _query_json(self, path, method="GET", *, params=None, data=None, versioned_api=True):
        async with self._query(path, method, params=params, data=data, versioned_api=versioned_api) as response:
            return await response.json()

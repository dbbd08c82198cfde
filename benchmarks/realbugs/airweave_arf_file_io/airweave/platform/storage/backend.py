from typing import Any


class AzureBlobBackend:
    """Async blob storage (the Azure SDK's aio client in the project)."""

    def __init__(self) -> None:
        self._blobs: dict[str, bytes] = {}

    async def exists(self, path: str) -> bool:
        return path in self._blobs

    async def read_json(self, path: str) -> dict[str, Any]:
        import json

        return json.loads(self._blobs[path])

    async def write_json(self, path: str, data: dict[str, Any]) -> None:
        import json

        self._blobs[path] = json.dumps(data).encode()

    async def write_file(self, path: str, content: bytes) -> None:
        self._blobs[path] = content

    async def read_file(self, path: str) -> bytes:
        return self._blobs[path]

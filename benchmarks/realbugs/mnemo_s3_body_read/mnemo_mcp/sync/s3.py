"""S3-compatible sync backend of mnemo-mcp.

Reproduction of the shape fixed in https://github.com/n24q02m/mnemo-mcp/commit/16bbb90 ("fix:
blocking I/O in Async Function"): the async pull ran boto3's get_object in a thread, then read
the response's streaming body (botocore StreamingBody.read, a blocking socket read of the whole
object) on the event loop; the fix reads the body inside the thread as well.
"""
from __future__ import annotations

import asyncio

import boto3
from botocore.exceptions import ClientError

from mnemo_mcp.sync.base import SyncBackend


def _bundle_key(prefix: str, sequence: int) -> str:
    return f"{prefix.rstrip('/')}/seq-{sequence:06d}.bin"


class S3Backend(SyncBackend):
    name = "s3"

    def __init__(self, bucket: str, region: str = "us-east-1", prefix: str = "passport/") -> None:
        self._bucket = bucket
        self._prefix = prefix.rstrip("/") + "/"
        self._client = boto3.client("s3", region_name=region)

    async def push(self, bundle: bytes, sequence: int) -> None:
        key = _bundle_key(self._prefix, sequence)
        await asyncio.to_thread(self._client.put_object, Bucket=self._bucket, Key=key, Body=bundle)

    async def pull(self, sequence: int | None = None) -> bytes | None:
        if sequence is None:
            return None
        key = _bundle_key(self._prefix, sequence)
        try:
            resp = await asyncio.to_thread(
                self._client.get_object, Bucket=self._bucket, Key=key
            )
            return resp["Body"].read()  # bug
        except ClientError as e:
            code = e.response.get("Error", {}).get("Code", "")
            if code in ("NoSuchKey", "404"):
                return None
            raise

"""Task log routes of the Metaflow UI backend (aiohttp).

Reproduction of the shape fixed in https://github.com/Netflix/metaflow-service/pull/177 (commit
b63de661ca3eb631dc3ee7cf33f7e244eb89b5ef, "fix: change blocking boto3 to aioboto3 for log
fetching"; the change itself is 82b0a35face4d70e0ed67eee23c34d1b33474d73): the aiohttp route
coroutines of LogApi await the module's coroutines read_and_output and read_and_output_mflog,
which build a boto3 S3 client and call get_object and read the streaming body synchronously,
blocking every other request while a log downloads. The fix used aiobotocore's async client.
"""
import codecs
import heapq
import os
from urllib.parse import urlparse

import boto3
import botocore
from aiohttp import web

DS_ROOT = os.environ.get("MF_DATASTORE_ROOT")
LOG_SOURCES = ["runtime", "task"]
STDOUT, STDERR = "log_location_stdout", "log_location_stderr"


class LogException(Exception):
    def __init__(self, msg="Failed to read log", id="log-error"):
        super().__init__(msg)
        self.id = id


def mflog_merge_logs(logs):
    """Merge the runtime and task logs, ordered by their timestamps."""
    return heapq.merge(*(blob.decode("utf-8").splitlines() for blob in logs))


class LogApi(object):
    def __init__(self, app, db):
        self.db = db
        app.router.add_route("GET", "/flows/{flow_id}/runs/{run_number}/steps/{step_name}/tasks/{task_id}/logs/out",
                             self.get_task_log_stdout)
        app.router.add_route("GET", "/flows/{flow_id}/runs/{run_number}/steps/{step_name}/tasks/{task_id}/logs/err",
                             self.get_task_log_stderr)

    async def get_task_log_stdout(self, request):
        return await self.get_task_log(request, STDOUT)

    async def get_task_log_stderr(self, request):
        return await self.get_task_log(request, STDERR)

    async def get_task_log(self, request, logtype=STDOUT):
        flow_id = request.match_info.get("flow_id")
        run_number = request.match_info.get("run_number")
        step_name = request.match_info.get("step_name")
        task_id = request.match_info.get("task_id")
        bucket, path = await self.db.metadata_table.find_log_location(flow_id, run_number, step_name, task_id, logtype)
        if bucket and path:
            try:
                lines = await read_and_output(bucket, path)
                return web.json_response({"data": lines})
            except botocore.exceptions.ClientError as err:
                raise LogException(err.response["Error"]["Message"], "log-error-s3")
        elif DS_ROOT:
            stream = "stderr" if logtype == STDERR else "stdout"
            to_fetch = []
            for source in LOG_SOURCES:
                url = urlparse(os.path.join(DS_ROOT, flow_id, run_number, step_name, task_id,
                                            "0.%s_%s.log" % (source, stream)))
                if url.scheme == "s3":
                    to_fetch.append((url.netloc, url.path.lstrip("/")))
            lines = await read_and_output_mflog(to_fetch)
            return web.json_response({"data": lines})
        return web.json_response({"data": []}, status=404)


async def read_and_output(bucket, path):
    s3 = boto3.client("s3")
    obj = s3.get_object(Bucket=bucket, Key=path)  # bug

    lines = []
    body = obj["Body"]
    for row, line in enumerate(codecs.getreader("utf-8")(body), start=1):  # bug
        lines.append({"row": row, "line": line.strip()})
    return lines


async def read_and_output_mflog(paths):
    s3 = boto3.client("s3")
    logs = []
    for bucket, path in paths:
        try:
            obj = s3.get_object(Bucket=bucket, Key=path)  # bug
            logs.append(obj["Body"].read())  # bug
        except botocore.exceptions.ClientError as err:
            if err.response["Error"]["Code"] != "NoSuchKey":
                raise
    return [{"row": row, "line": line} for row, line in enumerate(mflog_merge_logs(logs))]

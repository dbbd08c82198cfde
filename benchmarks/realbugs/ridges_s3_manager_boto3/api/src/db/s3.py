"""Agent code in S3.

Reproduction of the shape fixed in https://github.com/ridgesai/ridges/pull/41 (commit
4d3fd3b4773d275b1d6bc2c598bb4c5c3434e4f1, "Make S3 operations async", branch "s3 is a sync
bottleneck"): S3Manager holds a boto3 client made in __init__ (self.s3) and its plain methods upload
and download through it; the endpoint modules build one module-level `s3_manager = S3Manager()` and
call those methods from the FastAPI coroutines get_agent_version_file, get_agent_version_code
(endpoints/retrieval.py, registered with router.add_api_route from a table) and post_agent
(endpoints/upload.py), so every S3 round trip blocks the API's event loop. The fix made the methods
coroutines on an aioboto3 session and awaited them; the four S3 lines and the three call lines are
marked.
"""
import os
from typing import BinaryIO

import boto3
from dotenv import load_dotenv

load_dotenv()

s3_bucket_name = os.getenv("AWS_S3_BUCKET_NAME")


class S3Manager:
    def __init__(self):
        self.s3 = boto3.client("s3")

    def upload_file_object(self, file_object: BinaryIO, key: str):
        self.s3.upload_fileobj(file_object, s3_bucket_name, key)  # bug

    def get_file_text(self, key: str) -> str:
        response = self.s3.get_object(Bucket=s3_bucket_name, Key=key)  # bug
        return response["Body"].read().decode("utf-8")  # bug

    def get_file_object(self, key: str) -> BinaryIO:
        response = self.s3.get_object(Bucket=s3_bucket_name, Key=key)  # bug
        return response["Body"]

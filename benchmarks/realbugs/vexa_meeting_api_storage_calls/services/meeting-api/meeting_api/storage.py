"""Where recording media live (see recordings.py): MinIO through boto3, or a local folder.

Every method of every client is synchronous.
"""
import os
from abc import ABC, abstractmethod


class StorageClient(ABC):
    @abstractmethod
    def upload_file(self, path: str, data: bytes, content_type: str = "application/octet-stream") -> str: ...

    @abstractmethod
    def download_file(self, path: str) -> bytes: ...

    @abstractmethod
    def get_presigned_url(self, path: str, expires: int = 3600) -> str: ...

    @abstractmethod
    def file_exists(self, path: str) -> bool: ...

    @abstractmethod
    def list_objects_bounded(self, prefix: str, limit: int = 10000) -> list: ...


class MinIOStorageClient(StorageClient):
    def __init__(self):
        import boto3

        self.bucket = os.environ.get("MINIO_BUCKET", "recordings")
        self.s3 = boto3.client(
            "s3",
            endpoint_url="http://" + os.environ.get("MINIO_ENDPOINT", "minio:9000"),
            aws_access_key_id=os.environ.get("MINIO_ACCESS_KEY"),
            aws_secret_access_key=os.environ.get("MINIO_SECRET_KEY"),
        )

    def upload_file(self, path, data, content_type="application/octet-stream"):
        self.s3.put_object(Bucket=self.bucket, Key=path, Body=data, ContentType=content_type)
        return path

    def download_file(self, path):
        return self.s3.get_object(Bucket=self.bucket, Key=path)["Body"].read()

    def get_presigned_url(self, path, expires=3600):
        params = {"Bucket": self.bucket, "Key": path}
        return self.s3.generate_presigned_url("get_object", Params=params, ExpiresIn=expires)

    def file_exists(self, path):
        try:
            self.s3.head_object(Bucket=self.bucket, Key=path)
        except self.s3.exceptions.ClientError:
            return False
        return True

    def list_objects_bounded(self, prefix, limit=10000):
        found = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            found += [item["Key"] for item in page.get("Contents", [])]
            if len(found) >= limit:
                return found[:limit]
        return found


class LocalStorageClient(StorageClient):
    def __init__(self):
        self.root = os.environ.get("LOCAL_STORAGE_DIR", "/data/recordings")

    def _abs(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def upload_file(self, path, data, content_type="application/octet-stream"):
        os.makedirs(os.path.dirname(self._abs(path)), exist_ok=True)
        with open(self._abs(path), "wb") as fh:
            fh.write(data)
        return path

    def download_file(self, path):
        with open(self._abs(path), "rb") as fh:
            return fh.read()

    def get_presigned_url(self, path, expires=3600):
        return "file://" + self._abs(path)

    def file_exists(self, path):
        return os.path.isfile(self._abs(path))

    def list_objects_bounded(self, prefix, limit=10000):
        found = []
        for folder, _, names in os.walk(self._abs(prefix)):
            found += [os.path.relpath(os.path.join(folder, n), self.root) for n in names]
        return found[:limit]


def create_storage_client() -> StorageClient:
    if os.environ.get("STORAGE_BACKEND", "minio") == "local":
        return LocalStorageClient()
    return MinIOStorageClient()

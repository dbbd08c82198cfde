"""Cloud storage service for handling file uploads to AWS S3 or Cloudinary.

Reproduction of the shape fixed in https://github.com/frankbria/auto-author/issues/346 ("S3/Cloudinary
uploads and PIL image processing block the async event loop"), fixed by commit
8433c2772e076f1b80aed6c45e4cec72b6fdf7ef (PR #390): the coroutine methods upload_image / delete_image
of S3StorageService call the synchronous boto3 client built in __init__ (self.s3_client.put_object /
delete_object), and those of CloudinaryStorageService call cloudinary.uploader.upload / destroy
(kept as self.cloudinary_uploader). The fix wrapped the four calls in asyncio.to_thread; they are
marked. The PIL half of the same fix is in file_upload_service.py.
"""

import logging
import uuid
from pathlib import Path
from typing import Optional, Protocol

logger = logging.getLogger(__name__)


class CloudStorageInterface(Protocol):
    async def upload_image(self, file_data: bytes, filename: str, content_type: str, folder: str = "cover_images") -> str: ...

    async def delete_image(self, url: str) -> bool: ...


class S3StorageService:
    """AWS S3 storage service implementation."""

    def __init__(self, bucket_name: str, region: str, access_key_id: str, secret_access_key: str):
        import boto3
        from botocore.exceptions import ClientError

        self.bucket_name = bucket_name
        self.region = region
        self.s3_client = boto3.client(
            "s3",
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            region_name=region,
        )
        self.ClientError = ClientError

    async def upload_image(self, file_data: bytes, filename: str, content_type: str, folder: str = "cover_images") -> str:
        """Upload an image to S3 and return its URL."""
        try:
            file_ext = Path(filename).suffix.lower()
            unique_key = f"{folder}/{uuid.uuid4().hex}{file_ext}"

            self.s3_client.put_object(  # bug
                Bucket=self.bucket_name,
                Key=unique_key,
                Body=file_data,
                ContentType=content_type,
                CacheControl="max-age=86400",
                ContentDisposition="inline",
            )
            url = f"https://{self.bucket_name}.s3.{self.region}.amazonaws.com/{unique_key}"
            logger.info(f"Uploaded image to S3: {url}")
            return url
        except self.ClientError as e:
            logger.error(f"S3 upload failed: {str(e)}")
            raise Exception(f"Failed to upload to S3: {str(e)}")

    async def delete_image(self, url: str) -> bool:
        """Delete an image from S3 by URL."""
        try:
            if f"{self.bucket_name}.s3" in url:
                key = url.split(f"{self.bucket_name}.s3.{self.region}.amazonaws.com/")[-1]
                self.s3_client.delete_object(Bucket=self.bucket_name, Key=key)  # bug
                logger.info(f"Deleted image from S3: {key}")
                return True
            return False
        except self.ClientError as e:
            logger.error(f"S3 delete failed: {str(e)}")
            return False


class CloudinaryStorageService:
    """Cloudinary storage service implementation."""

    def __init__(self, cloud_name: str, api_key: str, api_secret: str):
        import cloudinary
        import cloudinary.uploader

        cloudinary.config(cloud_name=cloud_name, api_key=api_key, api_secret=api_secret, secure=True)
        self.cloudinary_uploader = cloudinary.uploader

    async def upload_image(self, file_data: bytes, filename: str, content_type: str, folder: str = "cover_images") -> str:
        """Upload an image to Cloudinary and return its URL."""
        try:
            file_ext = Path(filename).suffix.lower()
            public_id = f"{folder}/{uuid.uuid4().hex}"
            result = self.cloudinary_uploader.upload(  # bug
                file_data,
                public_id=public_id,
                folder=folder,
                resource_type="image",
                format=file_ext.lstrip("."),
                transformation=[{"width": 1200, "height": 1800, "crop": "limit"}, {"quality": "auto:good"}],
            )
            url = result.get("secure_url")
            logger.info(f"Uploaded image to Cloudinary: {url}")
            return url
        except Exception as e:
            logger.error(f"Cloudinary upload failed: {str(e)}")
            raise Exception(f"Failed to upload to Cloudinary: {str(e)}")

    async def delete_image(self, url: str) -> bool:
        """Delete an image from Cloudinary by URL."""
        try:
            if "cloudinary.com" in url and "/image/upload/" in url:
                parts = url.split("/image/upload/")[-1].split("/")
                if len(parts) >= 2:
                    public_id = "/".join(parts[1:]).rsplit(".", 1)[0]
                    result = self.cloudinary_uploader.destroy(public_id)  # bug
                    if result.get("result") == "ok":
                        logger.info(f"Deleted image from Cloudinary: {public_id}")
                        return True
            return False
        except Exception as e:
            logger.error(f"Cloudinary delete failed: {str(e)}")
            return False


class CloudStorageFactory:
    """Factory for creating cloud storage service instances."""

    @staticmethod
    def create_storage_service(provider: str = "local", **kwargs) -> Optional[CloudStorageInterface]:
        if provider == "s3":
            return S3StorageService(
                bucket_name=kwargs.get("bucket_name"),
                region=kwargs.get("region"),
                access_key_id=kwargs.get("access_key_id"),
                secret_access_key=kwargs.get("secret_access_key"),
            )
        if provider == "cloudinary":
            return CloudinaryStorageService(
                cloud_name=kwargs.get("cloud_name"),
                api_key=kwargs.get("api_key"),
                api_secret=kwargs.get("api_secret"),
            )
        return None


def get_cloud_storage_service() -> Optional[CloudStorageInterface]:
    from app.core.config import settings

    return CloudStorageFactory.create_storage_service(settings.STORAGE_PROVIDER, **settings.storage_options())

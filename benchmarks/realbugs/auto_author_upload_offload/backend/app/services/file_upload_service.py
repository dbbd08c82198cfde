"""File upload service for book cover images.

The PIL half of the fix of https://github.com/frankbria/auto-author/issues/346 (commit
8433c2772e076f1b80aed6c45e4cec72b6fdf7ef): the coroutine process_and_save_cover_image decodes the
upload with Image.open, resizes it with LANCZOS and encodes it with save(optimize=True) inline before
awaiting the cloud upload of cloud_storage_service.py. The fix moved the decode / resize / encode
into a module-level sync helper run with asyncio.to_thread; the decode and the four save lines are
marked.
"""

import logging
import uuid
from io import BytesIO
from pathlib import Path
from typing import Tuple

from fastapi import UploadFile
from PIL import Image

from app.services.cloud_storage_service import get_cloud_storage_service

logger = logging.getLogger(__name__)

UPLOAD_DIR = Path("uploads")
COVER_IMAGES_DIR = UPLOAD_DIR / "cover_images"
MAX_IMAGE_WIDTH = 1200
MAX_IMAGE_HEIGHT = 1800
THUMBNAIL_SIZE = (300, 450)


class FileUploadService:
    def __init__(self):
        self.cloud_storage = get_cloud_storage_service()

    async def process_and_save_cover_image(self, file: UploadFile, book_id: str) -> Tuple[str, str]:
        file_ext = Path(file.filename).suffix.lower()
        unique_filename = f"{book_id}_{uuid.uuid4().hex}{file_ext}"
        thumbnail_filename = f"{book_id}_{uuid.uuid4().hex}_thumb{file_ext}"
        image_path = COVER_IMAGES_DIR / unique_filename
        thumbnail_path = COVER_IMAGES_DIR / thumbnail_filename

        file.file.seek(0)
        image = Image.open(file.file)  # bug
        if image.width > MAX_IMAGE_WIDTH or image.height > MAX_IMAGE_HEIGHT:
            image.thumbnail((MAX_IMAGE_WIDTH, MAX_IMAGE_HEIGHT), Image.Resampling.LANCZOS)  # also
        thumbnail = image.copy()
        thumbnail.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)  # also

        if self.cloud_storage:
            main_buffer = BytesIO()
            thumb_buffer = BytesIO()
            image_format = "JPEG" if file_ext in [".jpg", ".jpeg"] else "PNG"
            image.save(main_buffer, format=image_format, quality=85, optimize=True)  # bug
            thumbnail.save(thumb_buffer, format=image_format, quality=85, optimize=True)  # bug
            main_buffer.seek(0)
            thumb_buffer.seek(0)
            content_type = f"image/{image_format.lower()}"
            image_url = await self.cloud_storage.upload_image(
                file_data=main_buffer.read(), filename=unique_filename, content_type=content_type, folder=f"cover_images/{book_id}"
            )
            thumbnail_url = await self.cloud_storage.upload_image(
                file_data=thumb_buffer.read(),
                filename=thumbnail_filename,
                content_type=content_type,
                folder=f"cover_images/{book_id}/thumbnails",
            )
        else:
            image.save(image_path, quality=85, optimize=True)  # bug
            thumbnail.save(thumbnail_path, quality=85, optimize=True)  # bug
            image_url = f"/uploads/cover_images/{unique_filename}"
            thumbnail_url = f"/uploads/cover_images/{thumbnail_filename}"
        return image_url, thumbnail_url


file_upload_service = FileUploadService()

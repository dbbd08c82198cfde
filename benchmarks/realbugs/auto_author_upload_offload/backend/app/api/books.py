"""Book cover upload route (stand-in for the project's books router)."""

from fastapi import APIRouter, File, UploadFile

from app.services.file_upload_service import file_upload_service

router = APIRouter()


@router.post("/books/{book_id}/cover-image")
async def upload_book_cover_image(book_id: str, file: UploadFile = File(...)):
    image_url, thumbnail_url = await file_upload_service.process_and_save_cover_image(file, book_id)
    return {"cover_image_url": image_url, "cover_thumbnail_url": thumbnail_url}

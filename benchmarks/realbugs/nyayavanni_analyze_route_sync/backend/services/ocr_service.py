"""Text extraction (reproduction, see api/routes.py)."""
import io

import fitz  # PyMuPDF
import pytesseract
from PIL import Image


def extract_text_from_pdf(pdf_bytes: bytes, force_ocr: bool = False) -> str:
    doc = fitz.open(stream=pdf_bytes, filetype="pdf")
    if force_ocr:
        return extract_text_with_ocr_from_pdf(doc)
    text = "".join(page.get_text() for page in doc)
    return text if text.strip() else extract_text_with_ocr_from_pdf(doc)


def extract_text_with_ocr_from_pdf(doc) -> str:
    text = ""
    for page in doc:
        pix = page.get_pixmap(dpi=300)
        img = Image.open(io.BytesIO(pix.tobytes("png")))
        text += pytesseract.image_to_string(img)
    return text


def extract_text_from_image(image_bytes: bytes) -> str:
    img = Image.open(io.BytesIO(image_bytes)).convert("L")
    return pytesseract.image_to_string(img)


def extract_document(file_bytes: bytes, filename: str, force_ocr: bool = False) -> str:
    """Route the file to PDF or image extraction by its extension."""
    ext = filename.lower().split(".")[-1]
    if ext == "pdf":
        extracted_text = extract_text_from_pdf(file_bytes, force_ocr=force_ocr)
    elif ext in ("jpg", "jpeg", "png"):
        extracted_text = extract_text_from_image(file_bytes)
    else:
        raise ValueError(f"Unsupported file format: {ext}")
    if len(extracted_text.strip()) < 50:
        raise ValueError("Unable to extract readable text from the document.")
    return extracted_text

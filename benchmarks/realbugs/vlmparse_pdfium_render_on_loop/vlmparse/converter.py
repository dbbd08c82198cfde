"""Document converter: renders a PDF's pages and sends each to a vision-language model.

Reproduction of the shape fixed in https://github.com/ld-lab-pulsia/vlmparse/pull/37 (commit
e745e33c68f218ce234b7f88f20fd72620f7f236, "faster conversion with non blocking resize and pdfium
convert"; the search found its follow-up #43): the coroutine BaseConverter.async_call renders every
page of the PDF with convert_pdfium_to_images (build_doc.py, pypdfium2 rendering at the configured
DPI) and downsizes each image with PIL's resize inline, before the per-page model calls start,
so the CPU work of a large document holds the loop the concurrent page requests share. The fix
rendered and resized each page in asyncio.to_thread; both lines are marked.
"""
import asyncio
import time
import traceback
from pathlib import Path

from loguru import logger
from pydantic import BaseModel

from .build_doc import convert_pdfium_to_images


class ConverterConfig(BaseModel):
    dpi: int = 175
    max_image_size: int | None = 1540


class Page:
    def __init__(self, buffer_image=None):
        self.buffer_image = buffer_image
        self.text = None
        self.error = None
        self.latency = None


class Document:
    def __init__(self, file_path: str):
        self.file_path = file_path
        self.pages: list[Page] = []
        self.latency = None


class BaseConverter:
    def __init__(self, config: ConverterConfig, num_concurrent_pages: int = 10):
        self.config = config
        self.num_concurrent_pages = num_concurrent_pages

    async def async_call_inside_page(self, page: Page) -> Page:
        raise NotImplementedError

    async def async_call(self, file_path: str | Path) -> Document:
        tic = time.perf_counter()
        document = Document(file_path=str(file_path))
        try:
            images = convert_pdfium_to_images(file_path, dpi=self.config.dpi)  # bug

            new_images = []
            if self.config.max_image_size is not None:
                for image in images:
                    ratio = self.config.max_image_size / max(image.size)
                    new_size = (int(image.size[0] * ratio), int(image.size[1] * ratio))
                    image = image.resize(new_size)  # bug
                    logger.info(f"Resized image to {new_size}")
                    new_images.append(image)
            else:
                new_images = images

            document.pages = [Page(buffer_image=image) for image in new_images]
            semaphore = asyncio.Semaphore(self.num_concurrent_pages)

            async def worker(page: Page):
                async with semaphore:
                    try:
                        start = time.perf_counter()
                        await self.async_call_inside_page(page)
                        page.latency = time.perf_counter() - start
                    except Exception:
                        logger.exception(traceback.format_exc())
                        page.error = "processing error"

            tasks = [asyncio.create_task(worker(page)) for page in document.pages]
            await asyncio.gather(*tasks)
        except Exception:
            logger.exception(traceback.format_exc())
        document.latency = time.perf_counter() - tic
        return document

"""Screenshots for the assistant's vision tools (coroutines awaited by the tool layer)."""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass
from typing import Optional

from bantz.config import config

log = logging.getLogger(__name__)
ROI = tuple[int, int, int, int]


@dataclass
class Screenshot:
    data: bytes
    width: int
    height: int
    source: str


def _raw_to_jpeg(png_bytes: bytes, quality: int = 70) -> tuple[bytes, int, int]:
    """Convert raw PNG bytes to JPEG with the given quality."""
    from PIL import Image

    img = Image.open(io.BytesIO(png_bytes))
    w, h = img.size
    if img.mode == "RGBA":
        img = img.convert("RGB")
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=True)
    return buf.getvalue(), w, h


def _crop_image(image_bytes: bytes, roi: ROI, quality: int = 70) -> tuple[bytes, int, int]:
    """Crop an image to the region of interest and encode it as JPEG."""
    from PIL import Image

    img = Image.open(io.BytesIO(image_bytes))
    x, y, w, h = roi
    cropped = img.crop((x, y, x + w, y + h)).convert("RGB")
    buf = io.BytesIO()
    cropped.save(buf, format="JPEG", quality=quality, optimize=True)
    return buf.getvalue(), *cropped.size


async def _capture_scrot() -> Optional[bytes]:
    proc = await asyncio.create_subprocess_exec("scrot", "-", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out or None


async def _capture_pillow() -> Optional[bytes]:
    """Pillow ImageGrab fallback (X11 only)."""
    try:
        from PIL import ImageGrab

        img = ImageGrab.grab()  # bug
        buf = io.BytesIO()
        img.save(buf, format="PNG")  # bug
        return buf.getvalue()
    except Exception:
        return None


async def capture_raw() -> Optional[bytes]:
    backends = [_capture_scrot, _capture_pillow] if config.display == "x11" else [_capture_pillow]
    for backend in backends:
        raw = await backend()
        if raw:
            return raw
    log.warning("All screenshot backends failed")
    return None


async def capture(roi: Optional[ROI] = None) -> Optional[Screenshot]:
    """Capture a full-screen screenshot, optionally cropped to roi."""
    quality = config.screenshot_quality
    raw = await capture_raw()
    if raw is None:
        return None
    if roi:
        data, w, h = _crop_image(raw, roi, quality=quality)  # bug
        return Screenshot(data=data, width=w, height=h, source="roi")
    data, w, h = _raw_to_jpeg(raw, quality=quality)  # bug
    return Screenshot(data=data, width=w, height=h, source="full")

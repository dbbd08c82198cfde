"""Helpers shared by the proxy's provider handlers."""
import logging

logger = logging.getLogger(__name__)

_image_compressor_available: bool | None = None


def _get_image_compressor():
    """Create a short-lived image compressor on demand (the image stack is optional)."""
    global _image_compressor_available
    if _image_compressor_available is False:
        return None
    try:
        from headroom.image import ImageCompressor

        compressor = ImageCompressor()
        _image_compressor_available = True
        return compressor
    except ImportError as e:
        logger.warning(f"Image compression not available: {e}")
        _image_compressor_available = False
        return None

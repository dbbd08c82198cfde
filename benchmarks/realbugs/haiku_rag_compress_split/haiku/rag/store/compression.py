"""zstd compression of stored DoclingDocument JSON."""

import json

try:
    from compression.zstd import compress as _zstd_compress
except ImportError:
    from zstandard import ZstdCompressor

    _zstd_compressor = ZstdCompressor()

    def _zstd_compress(data: bytes) -> bytes:
        return _zstd_compressor.compress(data)


def compress_docling_split(json_str: str) -> tuple[bytes, bytes | None]:
    """Split the document JSON into structure and pages, compress both."""
    data = json.loads(json_str)
    pages = data.pop("pages", None)
    for picture in data.get("pictures") or []:
        if isinstance(picture, dict):
            picture["image"] = None
    structure_bytes = _zstd_compress(json.dumps(data).encode("utf-8"))
    pages_bytes = _zstd_compress(json.dumps(pages).encode("utf-8")) if pages else None
    return structure_bytes, pages_bytes

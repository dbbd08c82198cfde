"""gzip request-body compressor (the default)."""

import gzip

from apify_client.http_compressors._base import HttpCompressor


class GzipHttpCompressor(HttpCompressor):
    content_encoding = "gzip"

    def compress(self, data: bytes) -> bytes:
        return gzip.compress(data)

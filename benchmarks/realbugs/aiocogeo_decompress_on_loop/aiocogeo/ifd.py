from dataclasses import dataclass, field

import numpy as np

from .compression import Compression


@dataclass
class ImageIFD(Compression):
    file_reader: object
    tile_offsets: list[int] = field(default_factory=list)
    tile_byte_counts: list[int] = field(default_factory=list)
    compression: str = "deflate"
    tile_height: int = 512
    tile_width: int = 512
    bands: int = 3
    dtype: np.dtype = field(default_factory=lambda: np.dtype("uint8"))

    async def get_tile(self, x: int, y: int) -> np.ndarray:
        idx = y * (self.tile_width // 512) + x
        img_bytes = await self.file_reader.range_request(
            self.tile_offsets[idx], self.tile_byte_counts[idx] - 1
        )
        return self._decompress(img_bytes)  # bug


@dataclass
class MaskIFD(ImageIFD):
    async def get_tile(self, x: int, y: int) -> np.ndarray:
        idx = y * (self.tile_width // 512) + x
        img_bytes = await self.file_reader.range_request(
            self.tile_offsets[idx], self.tile_byte_counts[idx] - 1
        )
        return self._decompress_mask(img_bytes)  # bug

import asyncio

import numpy as np
from skimage.transform import resize

from .ifd import ImageIFD


class PartialReadInterface:
    ifds: list[ImageIFD]
    file_reader: object

    def _resample(self, arr: np.ndarray, out_shape: tuple[int, int]) -> np.ndarray:
        return resize(
            arr, output_shape=(arr.shape[0], *out_shape), preserve_range=True, anti_aliasing=True
        ).astype(arr.dtype)

    def _postprocess(self, arr: np.ndarray, window: tuple[int, int, int, int], out_shape: tuple[int, int]) -> np.ndarray:
        top, left, height, width = window
        return self._resample(arr[:, top : top + height, left : left + width], out_shape)

    async def _request_merged_tiles(self, ifd: ImageIFD, indices: list[int]) -> list[np.ndarray]:
        start = ifd.tile_offsets[min(indices)]
        response = await asyncio.gather(
            self.file_reader.range_request(start, sum(ifd.tile_byte_counts[i] for i in indices))
        )
        tiles = []
        for idx in indices:
            begin = ifd.tile_offsets[idx] - start
            tile_bytes = response[0][begin : begin + ifd.tile_byte_counts[idx]]
            decoded = ifd._decompress(tile_bytes)  # bug
            tiles.append(decoded)
        return tiles

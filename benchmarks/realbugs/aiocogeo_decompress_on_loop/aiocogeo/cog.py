import numpy as np

from .partial_reads import PartialReadInterface


class COGReader(PartialReadInterface):
    async def read(self, window: tuple[int, int, int, int], shape: tuple[int, int]) -> np.ndarray:
        ifd = self.ifds[0]
        tiles = await self._request_merged_tiles(ifd, list(range(len(ifd.tile_offsets))))
        img_arr = np.concatenate(tiles, axis=2)
        # Postprocess the array (clip to the window and resize to the requested shape)
        postprocessed = self._postprocess(img_arr, window, shape)  # bug
        return postprocessed

import imagecodecs
import numpy as np


class Compression:
    compression: str
    tile_height: int
    tile_width: int
    bands: int
    dtype: np.dtype

    def _decompress(self, tile: bytes) -> np.ndarray:
        # dispatch on the IFD's compression tag: _deflate, _jpeg, ...
        return getattr(self, f"_{self.compression}")(tile)

    def _decompress_mask(self, tile: bytes) -> np.ndarray:
        decoded = np.frombuffer(imagecodecs.zlib_decode(tile), np.dtype("uint8"))
        return np.unpackbits(decoded).reshape(self.tile_height, self.tile_width) * 255

    def _deflate(self, tile: bytes) -> np.ndarray:
        decoded = np.frombuffer(imagecodecs.zlib_decode(tile), self.dtype)
        decoded = decoded.reshape(self.tile_height, self.tile_width, self.bands)
        return np.rollaxis(decoded, 2, 0)

    def _jpeg(self, tile: bytes) -> np.ndarray:
        return np.rollaxis(imagecodecs.jpeg_decode(tile), 2, 0)

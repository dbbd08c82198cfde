from functools import partial

import numpy as np
from scipy.fftpack import dct, idct
from scipy.interpolate import griddata

from SIAC.multi_process import parmap


class solve_aerosol:
    def __init__(self, vza, vaa, imgs, hx, hy):
        self._vza, self._vaa, self.imgs, self.hx, self.hy = vza, vaa, imgs, hx, hy

    def _smooth_surface(self, chunks):
        def smooth(da_w):
            da, w = da_w
            mid = int(da.shape[0] / 2)
            return (da * w).sum(axis=0) / w.sum(axis=0), w[mid]

        return parmap(smooth, chunks)  # bug

    def _convolve_toa(self, gaus_2d):
        def convolve(img, gaus_2d, hx, hy):
            spectrum = dct(dct(img, axis=0, norm="ortho"), axis=1, norm="ortho") * gaus_2d
            return idct(idct(spectrum, axis=1, norm="ortho"), axis=0, norm="ortho")[hx, hy]

        par = partial(convolve, gaus_2d=gaus_2d, hx=self.hx, hy=self.hy)
        self.toa = np.array(parmap(par, self.imgs))  # bug

    def _fill_nan(self):
        def fill_nan(array):
            x_shp, y_shp = array.shape
            mask = ~np.isnan(array)
            mesh = np.meshgrid(range(x_shp), range(y_shp), indexing="ij")
            return griddata(np.array(np.where(mask)).T, array[mask], tuple(mesh), method="nearest")

        self._vza = np.array(parmap(fill_nan, list(self._vza)))  # bug
        self._vaa = np.array(parmap(fill_nan, list(self._vaa)))  # bug

import numpy as np
from scipy.interpolate import griddata

from SIAC.multi_process import parmap


class atmospheric_correction:
    def __init__(self, vza, sza):
        self._vza, self._sza = vza, sza

    def _fill_nan(self):
        def fill_nan(array):
            mask = ~np.isnan(array)
            mesh = np.meshgrid(range(array.shape[0]), range(array.shape[1]), indexing="ij")
            return griddata(np.array(np.where(mask)).T, array[mask], tuple(mesh), method="nearest")

        self._vza = np.array(parmap(fill_nan, list(self._vza)))  # bug
        self._sza = np.array(parmap(fill_nan, list(self._sza)))  # bug

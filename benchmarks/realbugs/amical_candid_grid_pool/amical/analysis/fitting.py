"""Companion search on a grid of positions (CANDID-like), one fit per grid cell in parallel."""

import multiprocessing


def _fit_cell(args):
    x, y, data = args
    return sum((x - d) ** 2 + (y - d) ** 2 for d in data)


def _grid_fit(data, step, rmax, ncore):
    cells = [(x * step, y * step, data) for x in range(-rmax, rmax) for y in range(-rmax, rmax)]
    pool = multiprocessing.Pool(processes=ncore)
    try:
        return pool.map(_fit_cell, cells)
    finally:
        pool.close()
        pool.join()


def candid_grid(data, step=1, rmax=5, ncore=4):
    chi2 = _grid_fit(data, step, rmax, ncore)
    return min(chi2)

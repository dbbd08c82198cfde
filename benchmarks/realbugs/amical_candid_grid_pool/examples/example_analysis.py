"""Example analysis script: fit a companion with the grid search.

Reproduction of the shape fixed in https://github.com/SAIL-Labs/AMICAL/pull/64 (issue 54): the
example script called amical.candid_grid(...) at module level; candid_grid runs a
multiprocessing Pool two calls down, so on spawn platforms every worker re-imported the script
and the pool failed. The fix put the calls under `if __name__ == "__main__":`.
"""

import amical

inputdata = [0.1, 0.4, 0.3, 0.9]

fit = amical.candid_grid(inputdata, step=1, rmax=5, ncore=4)  # bug
print(fit)

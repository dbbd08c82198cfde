# Reproduction of the shape fixed in https://github.com/CAHLR/pyBKT-examples/pull/3 ("Guard all
# examples from `spawn` multiprocessing"): the example scripts fit pyBKT models at module level,
# with no main guard. pyBKT's Model.fit runs its EM fits in a multiprocessing pool (the library is
# a sibling checkout on sys.path, not part of this repository), so under the spawn start method
# (Windows, macOS) every child re-imports the script and starts fitting again. The fix moved the
# statements under `if __name__ == '__main__':`.
import sys
sys.path.append('../')
import numpy as np
from pyBKT.models import Model
np.seterr(divide='ignore', invalid='ignore')

model = Model(seed = 0, num_fits = 20)
model.fit(data_path = "data/builder_train_preprocessed.csv")  # bug
print("Standard BKT:", model.evaluate(data_path = "data/builder_test_preprocessed.csv", metric="auc"))
model2 = Model(seed = 0, num_fits = 20)
model2.fit(data_path = "data/builder_train_preprocessed.csv", forgets=True)  # bug
print("BKT+Forgets:", model2.evaluate(data_path = "data/builder_test_preprocessed.csv", metric="auc"))

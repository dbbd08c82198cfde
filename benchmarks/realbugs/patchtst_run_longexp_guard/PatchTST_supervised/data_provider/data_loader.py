import os

import numpy as np
import pandas as pd
from torch.utils.data import Dataset


class Dataset_ETT_hour(Dataset):
    def __init__(self, root_path, flag="train", size=None, data_path="ETTh1.csv"):
        self.seq_len, self.pred_len = size
        df_raw = pd.read_csv(os.path.join(root_path, data_path))
        self.data = df_raw[df_raw.columns[1:]].values.astype(np.float32)

    def __getitem__(self, index):
        s_end = index + self.seq_len
        return self.data[index:s_end], self.data[s_end : s_end + self.pred_len]

    def __len__(self):
        return len(self.data) - self.seq_len - self.pred_len + 1

from torch.utils.data import Dataset


class Dataset_Custom(Dataset):
    def __init__(self, flag="train"):
        self.flag = flag
        self.rows = list(range(1000))

    def __getitem__(self, index):
        return self.rows[index]

    def __len__(self):
        return len(self.rows)

from torch.utils.data import DataLoader

from data_provider.data_loader import Dataset_Custom


def data_provider(args, flag):
    data_set = Dataset_Custom(flag=flag)
    data_loader = DataLoader(
        data_set,
        batch_size=args.batch_size,
        shuffle=flag == "train",
        num_workers=args.num_workers,
        drop_last=True,
    )
    return data_set, data_loader

from torch.utils.data import DataLoader

from data_provider.data_loader import Dataset_ETT_hour

data_dict = {
    "ETTh1": Dataset_ETT_hour,
    "ETTh2": Dataset_ETT_hour,
}


def data_provider(args, flag):
    Data = data_dict[args.data]
    if flag == "test":
        shuffle_flag = False
        drop_last = True
        batch_size = args.batch_size
    elif flag == "pred":
        shuffle_flag = False
        drop_last = False
        batch_size = 1
    else:
        shuffle_flag = True
        drop_last = True
        batch_size = args.batch_size

    data_set = Data(root_path=args.root_path, data_path=args.data_path, flag=flag, size=[args.seq_len, args.pred_len])
    data_loader = DataLoader(
        data_set,
        batch_size=batch_size,
        shuffle=shuffle_flag,
        num_workers=args.num_workers,
        drop_last=drop_last,
    )
    return data_set, data_loader

"""Entry script of the supervised PatchTST experiments: parse arguments, train, test, predict.

Reproduction of the shape fixed in https://github.com/yuqinie98/PatchTST/pull/57 (issues #20 and
#56, commit 896802b8358addc4934840677ac5324424571231, "add a guard to avoid creating subprocesses
recursively in mac multi-processing"): the script parses its arguments and runs
Exp_Main(args).train/test/predict at module level; the experiment (exp/exp_main.py) gets its data
from data_provider/data_factory.py, which builds torch DataLoader(num_workers=args.num_workers),
whose worker processes are spawned on macOS and Windows and re-import this main module. The fix
moved the whole body under `if __name__ == '__main__':`.
"""
import argparse
import random

import numpy as np
import torch

from exp.exp_main import Exp_Main

parser = argparse.ArgumentParser(description="Autoformer & Transformer family for Time Series Forecasting")
parser.add_argument("--random_seed", type=int, default=2021, help="random seed")
parser.add_argument("--is_training", type=int, required=True, default=1, help="status")
parser.add_argument("--model_id", type=str, required=True, default="test", help="model id")
parser.add_argument("--model", type=str, required=True, default="PatchTST")
parser.add_argument("--data", type=str, required=True, default="ETTm1", help="dataset type")
parser.add_argument("--root_path", type=str, default="./data/ETT/")
parser.add_argument("--data_path", type=str, default="ETTh1.csv")
parser.add_argument("--seq_len", type=int, default=96)
parser.add_argument("--pred_len", type=int, default=96)
parser.add_argument("--num_workers", type=int, default=10, help="data loader num workers")
parser.add_argument("--itr", type=int, default=2, help="experiments times")
parser.add_argument("--batch_size", type=int, default=128)
parser.add_argument("--do_predict", action="store_true")
parser.add_argument("--use_gpu", type=bool, default=True)
args = parser.parse_args()

fix_seed = args.random_seed
random.seed(fix_seed)
torch.manual_seed(fix_seed)
np.random.seed(fix_seed)

args.use_gpu = True if torch.cuda.is_available() and args.use_gpu else False

Exp = Exp_Main

if args.is_training:
    for ii in range(args.itr):
        setting = "{}_{}_{}_sl{}_pl{}_{}".format(args.model_id, args.model, args.data, args.seq_len, args.pred_len, ii)

        exp = Exp(args)  # set experiments
        print(">>>>>>>start training : {}>>>>>>>".format(setting))
        exp.train(setting)  # bug

        print(">>>>>>>testing : {}<<<<<<<".format(setting))
        exp.test(setting)  # bug

        if args.do_predict:
            exp.predict(setting, True)  # bug

        torch.cuda.empty_cache()
else:
    ii = 0
    setting = "{}_{}_{}_sl{}_pl{}_{}".format(args.model_id, args.model, args.data, args.seq_len, args.pred_len, ii)

    exp = Exp(args)  # set experiments
    exp.test(setting, test=1)  # bug
    torch.cuda.empty_cache()

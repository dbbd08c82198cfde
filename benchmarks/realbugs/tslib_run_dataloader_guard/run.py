"""Entry script of a time-series library: parse the arguments, then train and test.

Reproduction of the shape reported in https://github.com/thuml/Time-Series-Library/issues/9
(closed): run.py did its work at module level; the experiment's data loaders use worker
processes (torch's DataLoader with num_workers > 0), which on Windows and macOS start by
re-importing the main module, so every worker ran run.py again: "An attempt has been made to
start a new process before the current process has finished its bootstrapping phase". Putting
the script's body under `if __name__ == '__main__':` fixed it.
"""
import argparse

import torch

from exp.exp_long_term_forecasting import Exp_Long_Term_Forecast

parser = argparse.ArgumentParser(description="TimesNet")
parser.add_argument("--is_training", type=int, default=1)
parser.add_argument("--model", type=str, default="TimesNet")
parser.add_argument("--num_workers", type=int, default=10)
parser.add_argument("--batch_size", type=int, default=32)
args = parser.parse_args()
args.use_gpu = torch.cuda.is_available()

exp = Exp_Long_Term_Forecast(args)
setting = f"{args.model}_bs{args.batch_size}"
if args.is_training:
    exp.train(setting)  # bug
exp.test(setting)  # bug

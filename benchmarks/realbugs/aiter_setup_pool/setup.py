import os
from multiprocessing import Pool

from setuptools import setup

PREBUILD_KERNELS = int(os.environ.get("PREBUILD_KERNELS", "0"))


def build_one_module(opt_args):
    return opt_args


if PREBUILD_KERNELS:
    all_opts_args_build = [{"md_name": name} for name in ("gemm", "attention")]
    prebuild_thread_num = min(os.cpu_count() or 1, 8)
    with Pool(processes=prebuild_thread_num) as pool:  # bug
        pool.map(build_one_module, all_opts_args_build)

setup(name="aiter", version="0.1")

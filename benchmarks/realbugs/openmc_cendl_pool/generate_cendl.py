#!/usr/bin/env python3
"""Download the CENDL library and convert it to OpenMC's HDF5 format.

Reproduction of the shape fixed in https://github.com/openmc-dev/data/pull/73 ("Use main()
function in scripts that use multiprocessing", merged as bc89c21): the script parsed its
arguments and ran `with Pool() as pool:` + pool.apply_async(process_neutron, ...) at module level
(process_neutron from the repository's utils.py); a spawned worker re-imports the script and
runs it all again.
"""
import argparse
from multiprocessing import Pool
from pathlib import Path

from utils import process_neutron

parser = argparse.ArgumentParser(description="Generate CENDL HDF5 files")
parser.add_argument("-d", "--destination", type=Path, default=None)
parser.add_argument("--libver", choices=["earliest", "latest"], default="earliest")
parser.add_argument("-r", "--release", choices=["3.1", "3.2"], default="3.2")
args = parser.parse_args()

library_name = "cendl"
cwd = Path.cwd()
endf_files_dir = cwd.joinpath("-".join([library_name, args.release, "endf"]))
if args.destination is None:
    args.destination = Path("-".join([library_name, args.release, "hdf5"]))

neutron_files = endf_files_dir.rglob("*.C32")
args.destination.mkdir(parents=True, exist_ok=True)

with Pool() as pool:  # bug
    results = []
    for filename in sorted(neutron_files):
        func_args = (filename, args.destination, args.libver)
        r = pool.apply_async(process_neutron, func_args)
        results.append(r)

    for r in results:
        r.wait()

for p in sorted(args.destination.glob("*.h5")):
    print(p)

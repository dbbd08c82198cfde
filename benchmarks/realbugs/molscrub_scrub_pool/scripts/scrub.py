"""Command-line script: protonate molecules and add 3D coordinates, in parallel.

Reproduction of the shape reported in https://github.com/forlilab/molscrub/issues/4 (fixed by
https://github.com/forlilab/molscrub/pull/5): the script parsed its arguments and ran a
multiprocessing pool at module level with no `if __name__ == "__main__":` guard, so on macOS
(spawn) every child re-imported the script and tried to start its own pool. The fix moved the
work under a main guard.
"""

import argparse
import multiprocessing
import sys


def scrub_one(smiles: str) -> str:
    return smiles.upper()


parser = argparse.ArgumentParser(description="Protonate molecules and add 3D coordinates")
parser.add_argument("input")
parser.add_argument("-o", "--out_fname", required=True)
parser.add_argument("--cpu", default=0, type=int)
args = parser.parse_args()

with open(args.input) as handle:
    supplier = [line.strip() for line in handle if line.strip()]

nr_procs = args.cpu if args.cpu > 0 else multiprocessing.cpu_count()
with open(args.out_fname, "w") as out:
    if nr_procs == 1:
        for smiles in supplier:
            out.write(scrub_one(smiles) + "\n")
    else:
        with multiprocessing.Pool(nr_procs) as pool:  # bug
            for result in pool.imap(scrub_one, supplier, chunksize=10):
                out.write(result + "\n")
print("done", file=sys.stderr)

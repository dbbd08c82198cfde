"""Command line entry: fit the model on preprocessed HDF5 coverage files."""
import argparse
import sys

import h5py

sys.path.append("stat")
import emission_prob  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fg", required=True)
    parser.add_argument("--bg", required=True)
    parser.add_argument("--nb-proc", type=int, default=4)
    args = parser.parse_args()

    Sequences = h5py.File(args.fg, "r")
    Background = h5py.File(args.bg, "r")
    Paths = {gene: [1] * 10 for gene in Sequences}
    EmissionParameters = {
        "BckType": "Coverage", "NrOfBckReplicates": 1, "NrOfReplicates": 2,
        "NrOfStates": 3, "NbProc": args.nb_proc, "Verbosity": 0,
    }
    emission_prob.construct_glm_matrix(EmissionParameters, Sequences, Background, Paths)


if __name__ == "__main__":
    main()

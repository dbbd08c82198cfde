"""Emission probabilities: the GLM design matrix, built gene by gene in a process pool.

Reproduction of the shape fixed in https://github.com/philippdre/omniCLIP/pull/13 (commit
fec892bb98daad5ca78cc517f05344b0dc95fff6, "Changing context to spawn for multiprocessing Pool",
for #9, runs hanging in os.waitpid): construct_glm_matrix builds `multiprocessing.Pool(n,
maxtasksperchild=100)` with the platform's start method, fork on Linux, and feeds pool.imap a lazy
itertools.starmap whose lambda reads each gene's coverage from the open h5py files; the pool's
task-feeding thread runs those HDF5 reads while, every 100 tasks, the pool forks replacement
workers from this now multi-threaded process, so a child can inherit HDF5's lock held and hang.
The fix used multiprocessing.get_context("spawn").Pool(...); both Pool lines are marked.
"""
import itertools
import multiprocessing

import h5py
import numpy as np
from scipy.sparse import csr_matrix


def get_fg_and_bck_state(EmissionParameters, final_pred=False):
    return 1, 0


def process_gene_for_glm_mat(data):
    path, coverage, gene, gene_nr, rep, nr_of_states, nr_of_genes, bg_type, fg_state, bg_state, verb = data
    counts = np.asarray(coverage).sum(axis=0)
    mat = csr_matrix((np.ones(len(counts)), (np.arange(len(counts)), np.asarray(path)[: len(counts)])), shape=(len(counts), nr_of_states))
    return mat, counts > 0, counts, np.full(len(counts), rep), gene_nr


def process_bck_gene_for_glm_mat(data):
    path, coverage, gene, gene_nr, rep, nr_of_states, nr_of_genes, bg_type, fg_state, bg_state = data
    counts = np.asarray(coverage).sum(axis=0)
    mat = csr_matrix((np.ones(len(counts)), (np.arange(len(counts)), np.zeros(len(counts), dtype=int))), shape=(len(counts), nr_of_states))
    return mat, counts > 0, counts, np.full(len(counts), rep), gene_nr


def construct_glm_matrix(EmissionParameters, Sequences: h5py.File, Background: h5py.File, Paths):
    bg_type = EmissionParameters["BckType"]
    nr_of_bck_rep = EmissionParameters["NrOfBckReplicates"]
    nr_of_rep = EmissionParameters["NrOfReplicates"]
    NrOfStates = EmissionParameters["NrOfStates"]
    number_of_processes = EmissionParameters["NbProc"]
    verb = EmissionParameters["Verbosity"]
    nr_of_genes = len(list(Sequences.keys()))
    fg_state, bg_state = get_fg_and_bck_state(EmissionParameters)

    curr_mats, curr_weights, curr_ys, curr_reps = [], [], [], []

    f = lambda gene_nr, gene, rep, Paths=Paths, Sequences=Sequences: (  # noqa: E731
        Paths[gene], Sequences[gene]["Coverage"][str(rep)][()], gene, gene_nr, rep,
        NrOfStates, nr_of_genes, bg_type, fg_state, bg_state, verb,
    )
    list_gen = [(a, b, c) for (a, b), c in itertools.product(zip(itertools.count(), list(Sequences.keys())), list(range(nr_of_rep)))]
    data = itertools.starmap(f, list_gen)

    pool = multiprocessing.Pool(number_of_processes, maxtasksperchild=100)  # bug
    results = pool.imap(process_gene_for_glm_mat, data, chunksize=1)
    pool.close()
    pool.join()
    results = [res for res in results]
    curr_mats += [res[0] for res in results]
    curr_weights += [res[1] for res in results]
    curr_ys += [res[2] for res in results]
    curr_reps += [res[3] for res in results]

    if bg_type != "None":
        g = lambda gene_nr, gene, rep, Paths=Paths, Background=Background: (  # noqa: E731
            Paths[gene], Background[gene]["Coverage"][str(rep)][()], gene, gene_nr, rep,
            NrOfStates, nr_of_genes, bg_type, fg_state, bg_state,
        )
        list_gen = [(a, b, c) for (a, b), c in itertools.product(zip(itertools.count(), list(Background.keys())), list(range(nr_of_bck_rep)))]
        data = itertools.starmap(g, list_gen)

        pool = multiprocessing.Pool(number_of_processes, maxtasksperchild=100)  # bug
        results = pool.imap(process_bck_gene_for_glm_mat, data, chunksize=1)
        pool.close()
        pool.join()
        results = [res for res in results]
        curr_mats += [res[0] for res in results]
        curr_weights += [res[1] for res in results]
        curr_ys += [res[2] for res in results]
        curr_reps += [res[3] for res in results]

    return curr_mats, curr_weights, curr_ys, curr_reps

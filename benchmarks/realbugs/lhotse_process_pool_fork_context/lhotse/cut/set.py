"""A set of audio cuts, with parallel feature extraction and audio export.

Reproduction of the shape fixed in https://github.com/lhotse-speech/lhotse/pull/982 (commit
88a75f37223ba70fae99f935d6ac03109d07a65c, merged as a2b81154, "make sure the ProcessPoolExecutor
executor uses spawn context"): CutSet.compute_and_store_features and CutSet.save_audios build their
default `ProcessPoolExecutor(num_jobs)` with the platform's start method, fork on Linux, from a
process where torch (imported at module level, used by the feature extractors) has started its
OpenMP/intra-op threads; forked workers inherit locks held by those threads and hang ("I meet
systems where the default ... doesn't work and blocks"). The fix passed
mp_context=multiprocessing.get_context("spawn"); both lines are marked.
"""
import logging
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, List, Optional

import torch

from lhotse.features import FeatureExtractor


class CutSet:
    def __init__(self, cuts: Iterable) -> None:
        self.cuts = list(cuts)

    def split(self, num_splits: int) -> List["CutSet"]:
        return [CutSet(self.cuts[i::num_splits]) for i in range(num_splits)]

    def compute_and_store_features(
        self,
        extractor: FeatureExtractor,
        storage_path: str,
        num_jobs: Optional[int] = None,
        augment_fn: Optional[Callable] = None,
        executor: Optional[Executor] = None,
    ) -> "CutSet":
        """Extract features for every cut in `num_jobs` parallel chunks; `executor` defaults to a process pool."""
        num_jobs = num_jobs or 1
        if num_jobs > 1 and torch.get_num_threads() > 1:
            logging.warning("num_jobs is > 1 and torch's number of threads is > 1 as well")
        if executor is None and num_jobs == 1:
            return CutSet(cut.compute_and_store_features(extractor, storage_path, augment_fn) for cut in self.cuts)

        if executor is None:
            executor = ProcessPoolExecutor(num_jobs)  # bug

        futures = [
            executor.submit(
                CutSet.compute_and_store_features,
                cs,
                extractor=extractor,
                storage_path=f"{storage_path}/feats-{i}",
                augment_fn=augment_fn,
            )
            for i, cs in enumerate(self.split(num_jobs))
        ]
        return CutSet(cut for f in futures for cut in f.result().cuts)

    def save_audios(self, storage_path: str, format: str = "wav", num_jobs: Optional[int] = None,
                    executor: Optional[Executor] = None) -> "CutSet":
        """Write every cut's audio under `storage_path`, in `num_jobs` parallel chunks."""
        num_jobs = num_jobs or 1
        Path(storage_path).mkdir(parents=True, exist_ok=True)
        if executor is None and num_jobs == 1:
            return CutSet(cut.save_audio(Path(storage_path) / f"{cut.id}.{format}") for cut in self.cuts)

        if executor is None:
            executor = ProcessPoolExecutor(num_jobs)  # bug

        futures = [
            executor.submit(CutSet.save_audios, cs, storage_path=storage_path, format=format)
            for cs in self.split(num_jobs)
        ]
        return CutSet(cut for f in futures for cut in f.result().cuts)

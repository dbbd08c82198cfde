"""Reading the first rows of an Arrow IPC file (reduced)."""
import os
from contextlib import contextmanager

import pyarrow as pa


@contextmanager
def open_validated_file(file_path: str, n: int):
    if n < 0:
        raise ValueError("n must be non-negative")
    if not os.path.exists(file_path):
        raise FileNotFoundError(file_path)
    source = pa.OSFile(file_path, "rb")
    try:
        yield source
    finally:
        source.close()


def read_top_n(file_path: str, n: int = 1000, strict: bool = False) -> pa.Table:
    with open_validated_file(file_path, n) as source:
        reader = pa.ipc.open_file(source)
        batches = []
        rows_collected = 0
        for i in range(reader.num_record_batches):
            batch = reader.get_batch(i)
            batches.append(batch.slice(0, n - rows_collected))
            rows_collected += min(batch.num_rows, n - rows_collected)
            if rows_collected >= n:
                break
        if strict and rows_collected < n:
            raise ValueError(f"Requested {n} rows but only {rows_collected} available")
        return pa.Table.from_batches(batches)

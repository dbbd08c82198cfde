"""Instant evaluation of a user's expression on the first row of a node's input (reduced)."""
from functools import lru_cache

import polars as pl

from flowfile_core.utils.arrow_reader import read_top_n


@lru_cache(maxsize=16)
def get_first_row(arrow_path: str) -> pl.DataFrame:
    return pl.from_arrow(read_top_n(arrow_path, 1, strict=True))


def get_instant_func_results(node_step, func_string: str) -> dict:
    if len(node_step.main_input) == 0:
        return {"result": "No input data connected, so cannot evaluate the result", "success": None}
    node_input = node_step.main_input[0]
    try:
        if node_input.node_stats.has_run and node_input.results.example_data_path:
            df = get_first_row(node_input.results.example_data_path)
        else:
            df = node_input.get_predicted_resulting_data().data_frame.collect()
    except Exception:
        return {"result": "Could not get data from previous step", "success": None}
    try:
        result = df.select(pl.sql_expr(func_string)).to_series()[0]
        return {"result": str(result), "success": True}
    except Exception as e:
        return {"result": str(e), "success": False}

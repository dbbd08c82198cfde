"""Numerical tools of a process-improvement toolkit (reproduction, see mcp_server.py)."""
from typing import Any

import numpy as np

from process_improve.tool_spec import tool_spec


@tool_spec(name="robust_summary", description="Median and MAD of a column of numbers.")
def robust_summary(tool_input: dict[str, Any]) -> dict[str, float]:
    values = np.asarray(tool_input["values"], dtype=float)
    median = float(np.median(values))
    return {"median": median, "mad": float(np.median(np.abs(values - median)))}


@tool_spec(name="pca", description="Principal components of a data matrix.")
def pca(tool_input: dict[str, Any]) -> dict[str, Any]:
    x = np.asarray(tool_input["matrix"], dtype=float)
    x = x - x.mean(axis=0)
    _u, s, vt = np.linalg.svd(x, full_matrices=False)
    return {"singular_values": s.tolist(), "loadings": vt.tolist()}

import pickle
import zlib
from typing import Any, Dict, Optional


def launch_simulation_from_rq_job(
    scenario: bytes, settings: Optional[Dict], events: Optional[str], job_id: str, **kwargs: Any
) -> None:
    """Entry point an RQ worker runs for one simulation job (it mutates global settings)."""
    scenario_name = pickle.loads(zlib.decompress(scenario))
    if not settings or "duration" not in settings:
        raise ValueError(f"job {job_id}: no duration for {scenario_name}")

"""Stand-in for coffea.processor (0.7): run_uproot_job hands the work items to an executor;
futures_executor runs them in a process pool."""
from .executor import futures_executor, iterative_executor, run_uproot_job

__all__ = ["futures_executor", "iterative_executor", "run_uproot_job"]

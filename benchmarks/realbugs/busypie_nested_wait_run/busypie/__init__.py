from .awaiter import ConditionTimeoutError
from .core import given, wait, wait_at_most
from .durations import MILLISECOND, SECOND, ONE_HUNDRED_MILLISECONDS

__all__ = ["wait", "wait_at_most", "given", "ConditionTimeoutError", "MILLISECOND", "SECOND", "ONE_HUNDRED_MILLISECONDS"]

from busypie.condition import ConditionBuilder
from busypie.durations import SECOND


def wait():
    return ConditionBuilder()


given = wait


def wait_at_most(value, unit=SECOND):
    return wait().at_most(value, unit)

from datetime import timedelta


def to_timedelta(value: str) -> timedelta:
    hours, minutes = value.split(":")[:2]
    return timedelta(hours=int(hours), minutes=int(minutes))

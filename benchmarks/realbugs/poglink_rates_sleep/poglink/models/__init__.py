"""Rates model of the rates watcher (reproduction, see cogs/rates.py)."""


class RatesDiff:
    def __init__(self, items):
        self.items = items

    def to_embed(self):
        return "\n".join(f"{key}: {value}" for key, value in self.items.items())


class RatesStatus:
    def __init__(self, values):
        self.values = values

    @classmethod
    def from_raw(cls, text):
        values = {}
        for line in text.splitlines():
            key, _, value = line.partition("=")
            values[key.strip()] = float(value)
        return cls(values)

    @classmethod
    def from_dict(cls, data):
        return cls(dict(data))

    def to_dict(self):
        return dict(self.values)

    def get_diff(self, other):
        return RatesDiff({k: v for k, v in other.values.items() if self.values.get(k) != v})

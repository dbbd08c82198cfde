import json


def read_learning_storage(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)

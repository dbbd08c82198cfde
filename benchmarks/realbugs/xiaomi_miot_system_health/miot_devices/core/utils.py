import json
import os


def read_manifest(field=None, default=None):
    with open(f"{os.path.dirname(__file__)}/../manifest.json") as handle:
        manifest = json.load(handle) or {}
    return manifest.get(field, default) if field else manifest

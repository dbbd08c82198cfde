import json
import os


def get_schema(action):
    path = os.path.join(os.path.dirname(__file__), "schemas", f"{action}.json")
    with open(path) as handle:
        return json.load(handle)


def validate_payload(message):
    schema = get_schema(message["action"])
    missing = [key for key in schema.get("required", []) if key not in message]
    if missing:
        raise ValueError(missing)

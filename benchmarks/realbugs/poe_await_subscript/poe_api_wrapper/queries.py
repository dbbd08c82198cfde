"""GraphQL payloads of a Poe.com API wrapper (reproduction, see async_api.py)."""
import json


def generate_payload(query_name, variables):
    return json.dumps({"queryName": query_name, "variables": variables})

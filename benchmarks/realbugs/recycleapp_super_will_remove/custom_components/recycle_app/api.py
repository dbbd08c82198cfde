"""Synchronous client of the waste collection web API (reproduction, see calendar.py)."""
from datetime import date

import requests


class FostPlusApi:
    def get_collections(self, zip_code_id: str, street_id: str, house_number: int, start: date, end: date):
        response = requests.get(
            "https://api.example-recycle.invalid/collections",
            params={"zipcodeId": zip_code_id, "streetId": street_id, "houseNumber": house_number,
                    "fromDate": start.isoformat(), "untilDate": end.isoformat()},
            timeout=30,
        )
        response.raise_for_status()
        collections = {}
        for item in response.json()["items"]:
            collections.setdefault(item["fraction"]["id"], []).append(date.fromisoformat(item["timestamp"][:10]))
        return collections

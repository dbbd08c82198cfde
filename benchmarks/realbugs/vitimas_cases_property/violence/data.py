import pickle
from io import BytesIO

import requests
from redis import StrictRedis
from rows import import_from_csv

from violence.settings import (
    BASE_SPREADSHEET_URL,
    CACHE_DATA_FOR,
    CASES_SPREADSHEET_GID,
    REDIS_DB,
    REDIS_URL,
    STORIES_SPREADSHEET_GID,
)


class Data:
    def __init__(self, refresh_cache=False):
        self.cache_key = "cases"
        self.cache = StrictRedis.from_url(REDIS_URL, db=REDIS_DB)
        if refresh_cache:
            self.reload_from_google_spreadsheet()

    @property
    def cases(self):
        cached = self.cache.get(self.cache_key)  # bug
        if cached:
            return pickle.loads(cached)

        return self.reload_from_google_spreadsheet()

    def get(self, csv_label):
        switch = {"cases": CASES_SPREADSHEET_GID, "stories": STORIES_SPREADSHEET_GID}
        return requests.get(BASE_SPREADSHEET_URL + switch[csv_label]).content  # bug

    def reload_from_google_spreadsheet(self):
        with BytesIO(self.get("cases")) as buffer:
            cases = sorted(import_from_csv(buffer), key=lambda case: case.when, reverse=True)

        cleaned_cases = tuple(cases)
        self.cache.set(self.cache_key, pickle.dumps(cleaned_cases), CACHE_DATA_FOR * 3600)
        return cases

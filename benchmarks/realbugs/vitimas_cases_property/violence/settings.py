from decouple import config

BASE_SPREADSHEET_URL = config("BASE_SPREADSHEET_URL", default="https://docs.google.com/")
CASES_SPREADSHEET_GID = config("CASES_SPREADSHEET_GID", default="0")
STORIES_SPREADSHEET_GID = config("STORIES_SPREADSHEET_GID", default="1")
REDIS_URL = config("REDIS_URL", default="redis://localhost:6379")
REDIS_DB = config("REDIS_DB", default=0, cast=int)
CACHE_DATA_FOR = config("CACHE_DATA_FOR", default=12, cast=int)
REFRESH_CACHE_ON_LOAD = config("REFRESH_CACHE_ON_LOAD", default=False, cast=bool)

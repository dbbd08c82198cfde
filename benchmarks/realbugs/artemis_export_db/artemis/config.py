import os


class Config:
    class Data:
        POSTGRES_CONN_STR = os.environ.get("POSTGRES_CONN_STR", "postgresql://localhost/artemis")

import os


class Settings:
    REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


settings = Settings()

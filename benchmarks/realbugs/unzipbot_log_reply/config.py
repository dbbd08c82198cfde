import os


class Config(object):
    APP_ID = int(os.environ.get("APP_ID", 0))
    API_HASH = os.environ.get("API_HASH")
    BOT_TOKEN = os.environ.get("BOT_TOKEN")
    MONGODB_URL = os.environ.get("MONGODB_URL")
    LOGS_CHANNEL = int(os.environ.get("LOGS_CHANNEL", 0))
    DOWNLOAD_LOCATION = f"{os.path.dirname(__file__)}/Downloaded"
    CHUNK_SIZE = 1024 * 6

from application_sdk.storage.batch import upload_prefix
from application_sdk.storage.chunked import download_file_chunked

__all__ = ["download_file_chunked", "upload_prefix"]

from airweave.platform.storage.backend import AzureBlobBackend

storage_backend = AzureBlobBackend()

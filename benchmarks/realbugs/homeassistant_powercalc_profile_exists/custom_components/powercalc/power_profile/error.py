class LibraryLoadingError(Exception):
    pass


class ProfileDownloadError(Exception):
    pass

import contextlib

from .utils import open_file_with_error_fallback


class EntityContent:
    def __init__(self, h5file, path: str) -> None:
        self._h5file = h5file
        self._path = path

    def attributes(self) -> dict:
        return dict(self._h5file[self._path].attrs)


@contextlib.contextmanager
def get_content_from_file(filepath: str, path: str, create_error):
    f = open_file_with_error_fallback(filepath, create_error)
    try:
        yield EntityContent(f, path)
    finally:
        f.close()

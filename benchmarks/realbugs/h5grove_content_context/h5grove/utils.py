import h5py


def open_file_with_error_fallback(filepath: str, create_error):
    try:
        return h5py.File(filepath, "r")
    except OSError as exc:
        raise create_error(404, f"Could not open {filepath}") from exc

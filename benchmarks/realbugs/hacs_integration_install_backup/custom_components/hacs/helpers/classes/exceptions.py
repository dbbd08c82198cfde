class HacsException(Exception):
    pass

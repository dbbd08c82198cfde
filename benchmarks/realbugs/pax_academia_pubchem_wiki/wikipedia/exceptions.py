class PageError(Exception):
    pass

class ConnectionErrors(Exception):
    pass


class NotAvilableService(Exception):
    pass

class MaestroStove:
    def __init__(self, controller, data: dict):
        self._controller = controller
        self._data = data

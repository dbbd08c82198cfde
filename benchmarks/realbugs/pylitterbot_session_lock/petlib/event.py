EVENT_UPDATE = "update"


class Event:
    def __init__(self) -> None:
        self._listeners: dict[str, list] = {}

    def on(self, name: str, callback) -> None:
        self._listeners.setdefault(name, []).append(callback)

    def emit(self, name: str) -> None:
        for callback in self._listeners.get(name, []):
            callback()

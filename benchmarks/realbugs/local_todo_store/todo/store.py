class TodoStore:
    def __init__(self, path):
        self._path = path

    def write(self, text):
        with open(self._path, "w") as handle:
            handle.write(text)

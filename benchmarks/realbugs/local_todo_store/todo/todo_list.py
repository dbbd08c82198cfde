from todo.store import TodoStore


class LocalTodoList:
    def __init__(self, path):
        self._store = TodoStore(path)

    async def async_save(self, text):
        self._store.write(text)  # bug

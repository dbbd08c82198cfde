import threading


class _BatchBaseAsync:
    def __init__(self, connection) -> None:
        self.__connection = connection
        self.__active_requests = 0
        self.__active_requests_lock = threading.Lock()

    def add_object(self, obj: dict) -> None:
        with self.__active_requests_lock:
            self.__active_requests += 1

    async def __send_batch(self, objects: list[dict]) -> None:
        self.__active_requests_lock.acquire()  # bug
        try:
            self.__active_requests += len(objects)
        finally:
            self.__active_requests_lock.release()
        await self.__connection.send(objects)

from sengled.request import Request


class SengledApi:
    def __init__(self, session_id):
        self._session_id = session_id

    async def async_do_request(self, url, payload):
        return Request(url, payload).get_response(self._session_id)  # bug

"""A user's Truss model with a websocket endpoint (loaded from file by the server)."""


class Model:
    def __init__(self, **kwargs):
        self._config = kwargs.get("config")

    def load(self):
        self._prefix = "echo: "

    async def websocket(self, websocket):
        while True:
            text = await websocket.receive_text()
            await websocket.send_text(self._prefix + text)

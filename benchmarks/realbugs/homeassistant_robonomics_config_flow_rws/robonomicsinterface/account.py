"""Stand-in for robonomicsinterface.Account: holds the seed and the node's websocket URL."""

REMOTE_WS = "wss://kusama.rpc.robonomics.network/"


class Account:
    def __init__(self, seed: str | None = None, remote_ws: str = REMOTE_WS, crypto_type: int = 1):
        self.seed = seed
        self.remote_ws = remote_ws
        self.crypto_type = crypto_type

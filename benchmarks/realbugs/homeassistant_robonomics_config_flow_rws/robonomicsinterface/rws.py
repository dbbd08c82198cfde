"""Stand-in for robonomicsinterface.RWS: each query is a synchronous JSON-RPC call over a websocket
(the package uses substrate-interface, which uses websocket-client)."""
import json

from websocket import create_connection

from .account import Account


class RWS:
    def __init__(self, account: Account):
        self._account = account

    def _query(self, method: str, params: list):
        ws = create_connection(self._account.remote_ws, timeout=30)
        try:
            ws.send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}))
            return json.loads(ws.recv()).get("result")
        finally:
            ws.close()

    def get_ledger(self, addr: str):
        return self._query("rws_ledger", [addr])

    def is_in_sub(self, sub_owner_addr: str, addr: str | None = None) -> bool:
        devices = self._query("rws_devices", [sub_owner_addr]) or []
        return (addr or self._account.seed) in devices

from typing import Any, Dict, Optional


class ApitallyClientBase:
    def __init__(self, client_id: str, env: str) -> None:
        self.client_id = client_id
        self.env = env
        self._app_info_payload: Optional[Dict[str, Any]] = None
        self._app_info_sent = False

    def get_info_payload(self, app_info: Dict[str, Any]) -> Dict[str, Any]:
        return {"client_id": self.client_id, "env": self.env, **app_info}

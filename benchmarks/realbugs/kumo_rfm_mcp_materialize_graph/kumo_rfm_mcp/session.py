"""The MCP server's one session: the graph being built and the model once materialized."""
from kumoai.experimental import rfm


class Session:
    def __init__(self, name: str) -> None:
        self.name = name
        self.graph = rfm.LocalGraph([])
        self._model: rfm.KumoRFM | None = None


class SessionManager:
    _default = Session("default")

    @classmethod
    def get_default_session(cls) -> Session:
        return cls._default

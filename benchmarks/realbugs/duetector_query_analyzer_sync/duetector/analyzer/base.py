from typing import Any


class Analyzer:
    config_scope = "analyzer"

    def query(self, **kwargs: Any) -> list[dict]:
        raise NotImplementedError

    def brief(self, inspect_type: bool = True) -> dict:
        raise NotImplementedError

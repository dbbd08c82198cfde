from typing import Any

from duetector.analyzer.base import Analyzer
from duetector.analyzer.db import DBAnalyzer
from duetector.service.base import Controller


class AnalyzerController(Controller):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self._avaliable_analyzers = [DBAnalyzer]
        self._analyzers: dict[str, Analyzer] = {
            a.config_scope: a(config.get(a.config_scope, {})) for a in self._avaliable_analyzers
        }

    def get_analyzer(self, analyzer_name: str) -> Analyzer:
        a = self._analyzers.get(analyzer_name) or self._analyzers.get(analyzer_name.replace("-", "_"))
        if not a:
            raise KeyError(analyzer_name)
        return a

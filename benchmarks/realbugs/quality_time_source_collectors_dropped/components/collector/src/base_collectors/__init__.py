from .metric_collector import MetricCollector
from .source_collector import SourceCollector

__all__ = ["MetricCollector", "SourceCollector"]

"""Measurement model of the collector."""


class MetricMeasurement:
    def __init__(self, metric, measurements, issue_statuses):
        self.metric = metric
        self.measurements = measurements
        self.issue_statuses = issue_statuses

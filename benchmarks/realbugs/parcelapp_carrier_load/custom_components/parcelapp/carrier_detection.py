"""Carrier detection from tracking numbers, with patterns loaded from bundled JSON files
(reproduction, see services.py)."""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

_LOGGER = logging.getLogger(__name__)
TRACKING_DATA_DIR = Path(__file__).parent / "tracking_data"


@dataclass
class CarrierMatch:
    courier_code: str
    carrier_name: str
    format_name: str
    confidence: float


@dataclass
class _TrackingPattern:
    courier_code: str
    carrier_name: str
    format_name: str
    regex: re.Pattern[str]


class CarrierDetector:
    def __init__(self) -> None:
        self._patterns: list[_TrackingPattern] = []
        self._loaded = False

    def load(self) -> None:
        if self._loaded:
            return
        for json_file in sorted(TRACKING_DATA_DIR.glob("*.json")):
            try:
                data = json.loads(json_file.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, OSError) as err:
                _LOGGER.warning("Failed to load tracking data from %s: %s", json_file.name, err)
                continue
            courier_code = data.get("courier_code", "")
            for tn in data.get("tracking_numbers", []):
                self._patterns.append(
                    _TrackingPattern(
                        courier_code=courier_code,
                        carrier_name=data.get("name", courier_code),
                        format_name=tn.get("name", "Unknown"),
                        regex=re.compile(tn["regex"]),
                    )
                )
        self._loaded = True

    def detect(self, tracking_number: str) -> list[CarrierMatch]:
        if not self._loaded:
            self.load()
        results: list[CarrierMatch] = []
        for pattern in self._patterns:
            if pattern.regex.match(tracking_number):
                results.append(
                    CarrierMatch(pattern.courier_code, pattern.carrier_name, pattern.format_name, 0.5)
                )
        return sorted(results, key=lambda m: m.confidence, reverse=True)

"""JSON: one object with a stable, documented schema (see the README)."""

from __future__ import annotations

import json

from advisor.models import Recommendation


def render(rec: Recommendation) -> str:
    return json.dumps(rec.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

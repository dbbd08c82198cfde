"""JSON: one object with a stable, documented schema (see the README)."""

from __future__ import annotations

import json

from advisor.models import Recommendation


def render(rec: Recommendation, *, ascii_only: bool = False) -> str:
    return json.dumps(rec.to_dict(), ensure_ascii=ascii_only, indent=2, sort_keys=True) + "\n"

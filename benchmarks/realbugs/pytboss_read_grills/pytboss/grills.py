"""Grill metadata of a PitBoss grill client library.

Reproduction of the shape fixed in https://github.com/dknowles2/pytboss/pull/147 (commit a531027,
"Ensure blocking read call is done outside event loop"): get_grills() and get_grill() read the
packaged grills.json through the @cache'd _read_grills(), whose first call runs
resources.files(...).joinpath("grills.json").read_text(). Home Assistant's pitboss integration
calls get_grills() in an async config flow step and builds PitBoss(conn, model) (api.py, whose
__init__ calls get_grill) in its async setup, so the file was read on the event loop. The fix read
it once at import time.
"""
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .exceptions import InvalidGrill


@dataclass
class Grill:
    name: str
    control_board: str
    meat_probes: int = 0
    json: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, grill_dict) -> "Grill":
        return cls(name=grill_dict["name"], control_board=grill_dict["control_board"]["name"],
                   meat_probes=grill_dict["meat_probes"], json=grill_dict)


@cache
def _read_grills() -> dict:
    """Reads all known grill specifications."""
    grills_json = resources.files(__package__).joinpath("grills.json").read_text()  # bug
    return json.loads(grills_json)


def get_grills(control_board: str | None = None) -> Iterable[Grill]:
    for grill in _read_grills().values():
        if not grill["control_board"].get("status_function"):
            continue
        if control_board is None or grill["control_board"]["name"] == control_board:
            yield Grill.from_dict(grill)


def get_grill(grill_name: str) -> Grill:
    if (grill := _read_grills().get(grill_name, None)) is None:
        raise InvalidGrill(f"Unknown grill name: {grill_name}")
    return Grill.from_dict(grill)

"""Stand-in for pytboss.grills: the grill specifications are read from the package's grills.json."""
import json
from dataclasses import dataclass
from importlib import resources


@dataclass
class Grill:
    name: str
    control_board: str
    min_temp: int
    max_temp: int


def get_grills(control_board: str | None = None):
    grills_json = resources.files(__package__).joinpath("grills.json").read_text()
    for spec in json.loads(grills_json):
        if control_board is None or spec["control_board"] == control_board:
            yield Grill(**spec)


def get_grill(grill_name: str) -> Grill:
    for grill in get_grills():
        if grill.name == grill_name:
            return grill
    raise ValueError(f"Unknown grill: {grill_name}")

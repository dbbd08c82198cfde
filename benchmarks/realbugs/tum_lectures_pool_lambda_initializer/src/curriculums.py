"""The curricula whose module trees the scraper walks."""
from dataclasses import dataclass
from typing import List


@dataclass
class Curriculum:
    name: str
    curriculum_ids: List[int]


curriculums = {
    "master-informatics": Curriculum("master-informatics", [4731]),
    "master-dea": Curriculum("master-dea", [5244]),
}

from dataclasses import dataclass


@dataclass
class OutputImageRawFrame:
    image: bytes
    size: tuple[int, int]
    format: str

"""Number formatting and plain-text tables shared by the bench and profile renderers."""

from __future__ import annotations

from collections.abc import Sequence


def size(value: float) -> str:
    """Bytes in binary units: 16.2 KiB, 1.4 MiB, 9.0 GiB."""
    amount = float(value)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(amount) < 1024 or unit == "TiB":
            return f"{amount:.0f} {unit}" if unit == "B" else f"{amount:.1f} {unit}"
        amount /= 1024
    raise AssertionError("unreachable")


def duration(seconds: float) -> str:
    """Seconds at a readable scale: 4.9 µs, 2.6 ms, 1.23 s."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def pad(text: str, width: int) -> str:
    """*text* padded with spaces to *width* terminal cells."""
    return text + " " * max(0, width - _cells(text))


def cells(text: str) -> int:
    return _cells(text)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Columns padded by terminal cells (a Chinese character takes two)."""
    widths = [max(_cells(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [text + " " * (widths[i] - _cells(text)) for i, text in enumerate(row)]
        return (indent + "  ".join(cells)).rstrip()

    return [line(header), indent + "  ".join("-" * w for w in widths), *(line(r) for r in rows)]

"""Regenerate the generated parts of README.md from the shipped decision tree.

    python docs/update_readme.py

tests/test_readme.py fails while the README's copy is stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.i18n import ui  # noqa: E402 - after the path tweak, so the checkout is used
from advisor.render.tree import mermaid  # noqa: E402
from advisor.tree import load_tree  # noqa: E402

BEGIN = "<!-- generated: advisor tree --format mermaid (docs/update_readme.py) -->"
END = "<!-- end generated -->"


def mermaid_block() -> str:
    body = mermaid(load_tree(ROOT / "decision_tree.yaml"), "en", ui("en"))
    return f"{BEGIN}\n```mermaid\n{body}```\n{END}"


def updated(readme: str) -> str:
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no {BEGIN!r} ... {END!r} block")
    return pattern.sub(lambda _: mermaid_block(), readme)


def main() -> int:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print("README.md updated")
    else:
        print("README.md is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

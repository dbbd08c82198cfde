"""Regenerate the generated parts of README.md from the shipped trees.

    python docs/update_readme.py

Three blocks: the example recommendation at the top, and the two trees as Mermaid
pictures (the default tree and the chapter's flowchart, `--tree seed`).
tests/test_readme.py fails while the README's copy is stale.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import advisor  # noqa: E402 - after the path tweak, so the checkout is used
from advisor.texts import ui  # noqa: E402
from advisor.render import recommendation  # noqa: E402
from advisor.render.tree import mermaid  # noqa: E402
from advisor.tree import load_tree  # noqa: E402

END = "<!-- end generated -->"
EXAMPLE = "advisor recommend --cpu-bound no --concurrency 500"


def _begin(command: str) -> str:
    return f"<!-- generated: {command} (docs/update_readme.py) -->"


def picture(tree: str | None) -> str:
    return f"```mermaid\n{mermaid(load_tree(tree), 'en', ui('en'))}```"


def example() -> str:
    """The top of the headline recommendation, as plain output shows it, up to the reasons."""
    import io

    rec = advisor.recommend(cpu_bound=False, concurrency=500)
    stream = io.StringIO()
    recommendation.plain(recommendation.Shown(rec), stream, "en")
    text = stream.getvalue()
    head = text.split(f"\n{ui('en')('why')}\n")[0].rstrip("\n")
    return f"```console\n$ {EXAMPLE}\n{head}\n...\n```"


BLOCKS: dict[str, Callable[[], str]] = {
    _begin(EXAMPLE): example,
    _begin("advisor tree --format mermaid"): lambda: picture(None),
    _begin("advisor tree --tree seed --format mermaid"): lambda: picture("seed"),
}


def block(begin: str) -> str:
    return f"{begin}\n{BLOCKS[begin]()}\n{END}"


def updated(readme: str) -> str:
    for begin in BLOCKS:
        pattern = re.compile(re.escape(begin) + r".*?" + re.escape(END), re.DOTALL)
        if not pattern.search(readme):
            raise SystemExit(f"README.md has no {begin!r} ... {END!r} block")
        readme = pattern.sub(lambda _, b=begin: block(b), readme)
    return readme


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

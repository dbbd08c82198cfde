"""Regenerate every generated block of README.md, README.zh-TW.md and docs/.

    python scripts/update_docs.py           # rewrite what is stale
    python scripts/update_docs.py --check   # exit 1 and name what is stale, write nothing

A generated block sits between ``<!-- generated: KEY (scripts/update_docs.py) -->`` and
``<!-- end generated -->``; KEY says what produced it (usually the command a reader can run
to see the same thing). Generated, not copied, because a hand-pasted example goes stale the
day the tree or a renderer changes, and nobody notices until a reader does.
``docs/rules.md`` is generated whole by ``scripts/gen_rules_doc.py`` when that script exists.
tests/meta/test_readme.py fails while any of it is stale.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import advisor  # noqa: E402 - after the path tweak, so the checkout is used
from advisor.cli._app import COMMANDS  # noqa: E402 - one page per command in the table
from advisor.render import recommendation  # noqa: E402
from advisor.render.tree import mermaid  # noqa: E402
from advisor.texts import ui  # noqa: E402
from advisor.tree import load_tree  # noqa: E402

END = "<!-- end generated -->"
EXAMPLE = "advisor recommend --cpu-bound no --concurrency 500"
EXERCISE = ROOT / "tests" / "fixtures" / "convert" / "exercise1" / "before.py"
RULES_SCRIPT = ROOT / "scripts" / "gen_rules_doc.py"


class Block(NamedTuple):
    """One generated block: the file it lives in (relative to the root), its key, its maker."""

    path: str
    key: str
    make: Callable[[], str]

    @property
    def begin(self) -> str:
        return f"<!-- generated: {self.key} (scripts/update_docs.py) -->"

    def text(self) -> str:
        return f"{self.begin}\n{self.make()}\n{END}"


def picture(tree: str | None) -> str:
    return f"```mermaid\n{mermaid(load_tree(tree), 'en', ui('en'))}```"


def example(lang: str) -> str:
    """The top of the headline recommendation, as plain output shows it, up to the reasons."""
    rec = advisor.recommend(cpu_bound=False, concurrency=500, lang=lang)
    stream = io.StringIO()
    recommendation.plain(recommendation.Shown(rec), stream, lang)
    head = stream.getvalue().split(f"\n{ui(lang)('why')}\n")[0].rstrip("\n")
    command = EXAMPLE if lang == "en" else f"{EXAMPLE} --lang {lang}"
    return f"```console\n$ {command}\n{head}\n...\n```"


def exercise_diff() -> str:
    """The chapter's exercise 1 through `advisor convert`, as the hunks of its diff."""
    from advisor.codemod import apply

    result = advisor.convert([EXERCISE], target_version="3.11")
    diff = apply.unified_diff(result.files[0])
    hunks = [line for line in diff.splitlines(keepends=True)[2:] if not line.startswith("@@")]
    return "```diff\n" + "".join(hunks) + "```"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def options(command: str) -> str:
    """The options of `advisor COMMAND --help` as a Markdown table, read from the parser
    itself, so the page lists exactly the options the command accepts."""
    from advisor.cli import _app
    from advisor.cli._invocation import Invocation

    inv = Invocation.parse(
        [command, "--help", "--lang", "en"],
        _app.COMMANDS,
        stdin=None,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        environ={},
    )
    parser = _app.build_parser(inv).commands[command]
    formatter = parser._get_formatter()
    rows = ["| option | meaning |", "| --- | --- |"]
    for action in parser._actions:
        if action.help in (None, "==SUPPRESS==") or "--help" in action.option_strings:
            continue
        if action.choices:
            value = "{" + ",".join(str(c) for c in action.choices) + "}"
        else:
            value = action.metavar or ""
        names = ", ".join(action.option_strings)
        shown = f"{names} {value}".strip() if names else str(value)
        rows.append(f"| `{_cell(shown)}` | {_cell(formatter._expand_help(action))} |")
    return "\n".join(rows)


BLOCKS: tuple[Block, ...] = (
    Block("README.md", EXAMPLE, lambda: example("en")),
    Block("README.zh-TW.md", f"{EXAMPLE} --lang zh-TW", lambda: example("zh-TW")),
    Block("docs/decision.md", "advisor tree --format mermaid", lambda: picture(None)),
    Block("docs/decision.md", "advisor tree --tree seed --format mermaid", lambda: picture("seed")),
    Block(
        "docs/commands/convert.md",
        "advisor convert exercise1.py --target-version 3.11",
        exercise_diff,
    ),
    *(
        Block(f"docs/commands/{name}.md", f"advisor {name} --help", lambda n=name: options(n))
        for name in COMMANDS
    ),
)


def rules_renderer() -> Callable[[], str] | None:
    """`render()` of scripts/gen_rules_doc.py, which writes docs/rules.md from the rule
    registry; None while that script does not exist (it lands from another branch)."""
    if not RULES_SCRIPT.is_file():
        return None
    spec = importlib.util.spec_from_file_location("gen_rules_doc", RULES_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    render: Callable[[], str] | None = getattr(module, "render", None)
    return render


def whole_files() -> dict[str, Callable[[], str]]:
    """Files generated whole, by their path relative to the root."""
    render = rules_renderer()
    return {"docs/rules.md": render} if render is not None else {}


def updated(path: str, text: str) -> str:
    """`text` (the file at `path`) with every block it should hold regenerated."""
    for block in BLOCKS:
        if block.path != path:
            continue
        pattern = re.compile(re.escape(block.begin) + r".*?" + re.escape(END), re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"{path} has no {block.begin!r} ... {END!r} block")
        text = pattern.sub(lambda _, b=block: b.text(), text)
    return text


def expected() -> dict[str, str]:
    """Every generated file's text as it should be, by path relative to the root."""
    out: dict[str, str] = {}
    for path in dict.fromkeys(block.path for block in BLOCKS):
        out[path] = updated(path, (ROOT / path).read_text(encoding="utf-8"))
    for path, render in whole_files().items():
        out[path] = render()
    return out


def stale() -> list[str]:
    """The files whose generated parts differ from what this script would write."""
    result = []
    for path, text in expected().items():
        target = ROOT / path
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            result.append(path)
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--check"]):
        print("usage: python scripts/update_docs.py [--check]", file=sys.stderr)
        return 2
    old = stale()
    if args == ["--check"]:
        for path in old:
            print(f"{path} is stale: run python scripts/update_docs.py")
        return 1 if old else 0
    texts = expected()
    for path in old:
        (ROOT / path).write_text(texts[path], encoding="utf-8")
        print(f"{path} updated")
    if not old:
        print("every generated block is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

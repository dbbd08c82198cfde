"""argparse, made to speak the user's language and to fail in one line.

Help texts are `Help` markers (a ui.yaml key, or English plus a key) that the
formatter translates only when help is actually printed: a normal run never loads
the UI catalogue for help it will not show. argparse's own words ("usage:",
"options", "show this help message and exit") are translated the same way,
through ``argparse_*`` entries in ``texts/ui.yaml``.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from advisor.errors import UsageError
from advisor.quoting import KeyedText

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from advisor.models import AnswerValue
    from advisor.texts import UI

#: Options people bring to `advisor scan` from other tools (ruff, flake8, pytest), with what
#: advisor offers instead: (the English, its catalogue key). The nearest spelling misled them.
_PEER_OPTIONS: dict[str, tuple[str, str]] = {
    "--explain": (
        "`advisor explain ADV101` explains a rule, and `scan --recommend` prints the "
        "evidence behind every answer",
        "peer_option_explain",
    ),
    "--fix": (
        "scan changes no file; `advisor convert FILE` rewrites threads to asyncio as a diff",
        "peer_option_fix",
    ),
}


class Help(str):
    """A help text resolved at display time: *lead* (already in the user's language), then
    the ui.yaml text *key* filled with *params*; *english* replaces the key's text in
    English (a command's SUMMARY lives in its module)."""

    key: str | None
    lead: str
    english: str | None
    then: Help | None
    params: dict[str, AnswerValue]

    def __new__(
        cls,
        key: str | None,
        *,
        lead: str = "",
        english: str | None = None,
        then: Help | None = None,
        **params: AnswerValue,
    ) -> Help:
        self = super().__new__(cls, english or lead or key or "")
        self.key, self.lead, self.english, self.then, self.params = key, lead, english, then, params
        return self

    def render(self, texts: UI) -> str:
        from advisor.render.common import spell

        text = ""
        if self.key is not None:
            if texts.lang == "en" and self.english is not None:
                text = self.english
            else:
                try:
                    text = texts(self.key, **{k: spell(v, texts) for k, v in self.params.items()})
                except KeyError:  # a command without its zh-TW summary yet: English
                    text = self.english or self.key
        gap = "" if texts.lang == "zh-TW" else " "  # full-width brackets bring their own space
        text = gap.join(part for part in (self.lead, text) if part)
        # *then*: a second paragraph (one epilog made of two texts, each kept once in ui.yaml)
        return text if self.then is None else f"{text}\n\n{self.then.render(texts)}"


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help in *lang*, sized without importing shutil (and its bz2, lzma...)."""

    def __init__(self, prog: str, *, lang: str = "en", **kwargs: Any) -> None:
        if "width" not in kwargs:
            try:
                columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
            except (ValueError, OSError):
                columns = 80
            kwargs["width"] = max(columns, 40) - 2
        super().__init__(prog, **kwargs)
        from advisor.texts import ui

        self._texts = ui(lang)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Chinese help wrapped by terminal cells (two a character), never inside a token:
        textwrap counts characters and breaks at hyphens, so `scan --help --lang zh-TW`
        ran past the terminal and split `[project.scripts]` and `--tree` (newcomer review
        25, #18). English keeps argparse's own wrapping."""
        from advisor.render.wrapping import has_wide, wrap

        if not has_wide(text):
            return super()._split_lines(text, width)
        return wrap(" ".join(text.split()), width).splitlines()

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Descriptions and epilogs keep their layout; only a Chinese row of a table (the exit
        codes) wider than the terminal is wrapped, by cells, under its own text column."""
        import re

        from advisor.render.wrapping import _width, has_wide, wrap

        laid = super()._fill_text(text, width, indent)
        lines: list[str] = []
        for line in laid.splitlines():
            head = re.match(r"\s*\S+\s{2,}", line)  # a table's row: `  2    用法...`
            if not has_wide(line) or _width(line) <= width or head is None:
                lines.append(line)  # prose keeps its line: it may hold a command to copy
                continue
            hang = " " * len(head.group(0))
            first, *rest = wrap(line[len(hang) :], width, indent=hang).splitlines()
            lines += [line[: len(hang)] + first[len(hang) :], *rest]
        return "\n".join(lines)

    def _tr(self, text: str | None) -> str | None:
        if isinstance(text, Help):
            return text.render(self._texts)
        if text is None or self._texts.lang == "en":
            return text
        return _argparse_words(self._texts.lang).get(text, text)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = self._tr(action.help)
        # argparse %-formats help; only Help texts are ours, and they may hold a "%"
        return text.replace("%", "%%") if isinstance(action.help, Help) and text else text

    def _format_text(self, text: str) -> str:
        return super()._format_text(self._tr(text) or "")

    def start_section(self, heading: str | None) -> None:
        super().start_section(self._tr(heading))

    def format_help(self) -> str:
        """argparse ends each section heading with an ASCII colon; a Chinese heading takes
        the full-width one (選項：), like every other label in zh-TW."""
        text = super().format_help()
        if self._texts.lang == "en":
            return text
        return re.sub(r"(?m)^(\S[^\n]*[\u3400-\u9fff]):$", "\\1\uff1a", text)

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, self._tr("usage: ") if prefix is None else prefix)


@functools.lru_cache(maxsize=2)
def _argparse_words(lang: str) -> dict[str, str]:
    """argparse's English (the ``en`` of each ``argparse_*`` ui entry) -> *lang*."""
    from advisor.texts import all_strings

    return {
        entry["en"]: entry.get(lang) or entry["en"]
        for key, entry in all_strings().items()
        if key.startswith("argparse_")
    }


def formatter_for(lang: str) -> Any:
    """argparse builds its formatter from a class; this one knows the language."""
    return functools.partial(Formatter, lang=lang)


#: argparse's English errors -> the error key and the names of the pattern's groups (its
#: params in texts/errors.zh-TW.yaml). Out-of-range and number messages come from cli/bench.py.
_ARGPARSE_ERRORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"argument (\S+): expected one argument", "expected_value", ("flag",)),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        "invalid_option_choice",
        ("flag", "value", "choices"),
    ),
    (r"the following arguments are required: (.*)", "arguments_required", ("names",)),
    (r"argument (\S+): ignored explicit argument (.*)", "takes_no_value", ("flag", "value")),
    (r"argument (\S+): not allowed with argument (\S+)", "options_exclusive", ("flag", "other")),
    (
        r"argument (\S+): (\S+) is out of range: give (\S+) to (\S+)",
        "number_out_of_range",
        ("flag", "value", "minimum", "maximum"),
    ),
    (
        r"argument (\S+): expected a number from (\S+) to (\S+)",
        "expected_number",
        ("flag", "minimum", "maximum"),
    ),
)


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one-line `UsageError`s instead of usage dumps, and whose
    --help and --version write to the run's stdout, not to the global sys.stdout."""

    commands: dict[str, Parser]
    stream: IO[str] | None = None
    #: Called with an unknown option before it is refused, to say when the option exists in
    #: another mode of the command (`advisor scan --emit` needs --recommend); it raises.
    only_with: Callable[[str], None] | None = None

    def error(self, message: str) -> NoReturn:
        import re

        from advisor.quoting import LIMIT, cut, quoted

        # argparse quotes the values it complains about ('xml'); cut the long ones
        message = cut(re.sub(rf"'([^']{{{LIMIT + 1},}})'", lambda m: quoted(m[1]), message), 500)
        see = f"see `{self.prog} --help`"
        # argparse's messages users meet, each with a key so they read in zh-TW too
        for pattern, key, names in _ARGPARSE_ERRORS:
            found = re.fullmatch(pattern, message)
            if found:
                params = dict(zip(names, found.groups(), strict=True))
                raise UsageError(f"{message}; {see}", key=key, prog=self.prog, **params)
        raise UsageError(f"{message}; {see}", key="usage", problem=message, prog=self.prog)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            (self.stream or file or _stderr()).write(message)

    def reject_unknown(self, unknown: Sequence[str]) -> NoReturn:
        """Name the first unknown argument and the closest real flag."""
        import difflib
        import os
        import shlex

        from advisor.quoting import quoted

        first = unknown[0]
        if self.only_with is not None and first.startswith("--"):
            self.only_with(first.split("=", 1)[0])
        flags = [opt for action in self._actions for opt in action.option_strings]
        close = difflib.get_close_matches(first.split("=", 1)[0], flags, n=1)
        kind = "option" if first.startswith("-") else "argument"
        shown = quoted(first, quote=False) if kind == "option" else quoted(first)
        see = f"see `{self.prog} --help`"
        if kind == "option" and os.path.lexists(first):
            # `advisor scan -dash.py`: a file whose name starts with a dash reads as an option,
            # as it does for every command; say how to name it rather than suggest a flag.
            path = shlex.quote(f"./{first}")
            raise UsageError(
                f"unknown option {shown}; to name the file {shown}, write {path} or put -- "
                f"before it; {see}",
                key="unknown_option_path",
                name=shown,
                path=path,
                prog=self.prog,
            )
        peer = _PEER_OPTIONS.get(first.split("=", 1)[0]) if self.prog == "advisor scan" else None
        if peer is not None:
            # `--explain` read "did you mean --lang?": an option from another tool gets what
            # advisor offers for it instead of the nearest spelling (newcomer review 21, 11).
            raise UsageError(
                f"unknown option {shown}: {peer[0]}; {see}",
                key="unknown_option_peer",
                name=shown,
                hint=KeyedText(peer[0], peer[1]),
                prog=self.prog,
            )
        if close:
            raise UsageError(
                f"unknown {kind} {shown} (did you mean {close[0]}?); {see}",
                key="unknown_option_close" if kind == "option" else "unknown_argument_close",
                name=shown,
                close=close[0],
                prog=self.prog,
            )
        raise UsageError(
            f"unknown {kind} {shown}; {see}",
            key="unknown_option" if kind == "option" else "unknown_argument",
            name=shown,
            prog=self.prog,
        )


def _stderr() -> IO[str]:
    import sys

    return sys.stderr

"""The only place that parses YAML: safe loading, with line numbers kept.

Validation messages must point at a line, so mappings come back as
`LocatedDict` (a plain dict that also remembers where it and each key
started). Duplicate keys are an error rather than PyYAML's silent
last-one-wins, because a duplicated node id would otherwise vanish.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from advisor.quoting import KeyedText, quoted

if TYPE_CHECKING:
    import yaml

StrPath = str | os.PathLike[str]


class YAMLFileError(Exception):
    """Raised with a one-line, located message; callers wrap it in their own error.

    The message is English; *key* and *params* name its zh-TW template in
    ``texts/errors.zh-TW.yaml``, so a caller passes `text` (not ``str(exc)``) on as a
    param and its own error says the YAML problem in the user's language too.
    """

    def __init__(self, message: str, line: int = 0, *, key: str, **params: str) -> None:
        super().__init__(message)
        self.line = line
        self.key = key
        self.params = params

    @property
    def text(self) -> KeyedText:
        """The English message, carrying its key and params for translation."""
        return KeyedText(str(self), self.key, **self.params)


class LocatedDict(dict[Any, Any]):
    """A dict that knows the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise YAMLFileError(
                "a mapping key must be a plain value",
                key_node.start_mark.line + 1,
                key="yaml_key_not_plain",
            ) from exc
        if key in result:
            first = str(result.key_lines[key])
            raise YAMLFileError(
                f"duplicate key {quoted(key)} (first at line {first})",
                key_node.start_mark.line + 1,
                key="yaml_duplicate_key",
                name=quoted(key),
                first=first,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def int_too_long(value: int) -> bool:
    """Whether Python refuses to print *value* (``sys.set_int_max_str_digits``, 4300 by default).

    Such a number makes every later message or render fail, so readers reject it up front.
    """
    if value.bit_length() <= 2000:  # at most 603 digits: below the smallest limit Python allows
        return False
    try:
        str(value)
    except ValueError:
        return True
    return False


def int_digits_limit() -> int:
    """How many digits Python converts between int and text (0, unlimited, reads as 4300)."""
    import sys

    return getattr(sys, "get_int_max_str_digits", lambda: 0)() or 4300


def too_long_message() -> str:
    """The one message for a number with more digits than Python will convert."""
    return f"number too long (more than {int_digits_limit()} digits); use a smaller number"


def _too_long(line: int) -> YAMLFileError:
    return YAMLFileError(
        too_long_message(), line, key="yaml_number_too_long", digits=str(int_digits_limit())
    )


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    line = node.start_mark.line + 1
    try:
        value: int = loader.construct_yaml_int(node)
    except ValueError as exc:  # more digits than int() accepts
        raise _too_long(line) from exc
    if int_too_long(value):  # 0x..., 0o..., 1:2:3 spellings get past int()'s limit
        raise _too_long(line)
    return value


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError) as exc:  # 2001-13-45 looks like a date but is none
        raise YAMLFileError(
            f"invalid date {quoted(node.value)} ({exc}); quote it to use it as text",
            node.start_mark.line + 1,
            key="yaml_invalid_date",
            value=quoted(node.value),
            reason=str(exc),
        ) from exc


#: How many nodes aliases may add to a document beyond its own: plenty for a few shared
#: texts, far too few for a "billion laughs" file that expands into gigabytes.
ALIAS_BUDGET = 10_000


def _children(node: yaml.Node) -> list[yaml.Node]:
    value = node.value
    if isinstance(value, list) and value and isinstance(value[0], tuple):  # a mapping
        return [part for pair in value for part in pair]
    return list(value) if isinstance(value, list) else []


def check_aliases(root: yaml.Node) -> None:
    """Refuse a document whose aliases would expand past `ALIAS_BUDGET` nodes, or into itself.

    PyYAML shares an aliased node rather than copying it, so the file loads in
    kilobytes; the blow-up comes later, from anything that walks or prints the
    data. So the size the data *would* have, with every alias expanded, is
    counted here on the node graph (each node once, iteratively) before any of
    it is built.
    """
    sizes: dict[int, int] = {}
    entered: set[int] = set()
    reused: list[yaml.Node] = []
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            entered.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            reused.append(node)
            continue
        if key in entered:
            raise YAMLFileError(
                "an alias refers to the node that contains it; write the data out instead",
                node.start_mark.line + 1,
                key="yaml_alias_cycle",
            )
        entered.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    if sizes[id(root)] - len(sizes) > ALIAS_BUDGET:
        worst = max(reused, key=lambda n: sizes[id(n)])
        raise YAMLFileError(
            f"aliases here would expand to more than {ALIAS_BUDGET:,} extra values; "
            "write the data out instead of repeating it through aliases",
            worst.start_mark.line + 1,
            key="yaml_alias_budget",
            budget=f"{ALIAS_BUDGET:,}",
        )


@lru_cache(maxsize=1)
def _loader() -> type[yaml.SafeLoader]:
    """Built on first use: importing PyYAML is most of advisor's startup time."""
    import yaml

    # libyaml's parser is several times faster; the constructor stays the safe one.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def construct_document(self: Any, node: yaml.Node) -> Any:
        check_aliases(node)
        return base.construct_document(self, node)

    loader: Any = type("LocatedSafeLoader", (base,), {"construct_document": construct_document})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    return loader  # type: ignore[no-any-return]


def _construct_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


@lru_cache(maxsize=1)
def _text_loader() -> type[yaml.SafeLoader]:
    """`_loader`, but every scalar except null stays the text the user typed.

    For answers files: YAML 1.1 reads ``0120`` as 80, ``1:00`` as 60 and ``0x10``
    as 16, none of which the flag would accept. As text, each goes through the
    same parser as the flag (`advisor.answers.parse_value`), so a file accepts
    exactly what the command line accepts.
    """
    loader: Any = type("LocatedTextLoader", (_loader(),), {})
    for tag in ("bool", "int", "float", "timestamp"):
        loader.add_constructor(f"tag:yaml.org,2002:{tag}", _construct_text)
    return loader  # type: ignore[no-any-return]


def loads(text: str, source: str = "<string>", *, scalars_as_text: bool = False) -> Any:
    """Parse YAML text safely; any failure becomes one located `YAMLFileError`.

    *scalars_as_text* keeps every scalar but null as the text typed (see `_text_loader`).
    """
    import yaml

    loader = _text_loader() if scalars_as_text else _loader()
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - derives from the safe loader
    except YAMLFileError:
        raise
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        problem = exc.problem or "unsupported value"
        unknown_tag = "could not determine a constructor for the tag"
        if unknown_tag in problem:
            said = quoted(
                problem.replace(unknown_tag, "unsafe or unknown tag")
                + "; only plain YAML (mappings, lists, strings, numbers, booleans) is allowed",
                300,
                quote=False,
            )
            tag = quoted(problem.partition(unknown_tag)[2].strip(), 200, quote=False)
            raise YAMLFileError(said, line, key="yaml_unsafe_tag", tag=tag) from exc
        # PyYAML's own words (a merge key that is no mapping, ...), kept as a param
        detail = quoted(problem, 300, quote=False)
        raise YAMLFileError(detail, line, key="yaml_unsupported", detail=detail) from exc
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        detail = quoted(exc.problem, 300, quote=False)  # the parser's words stay English
        raise YAMLFileError(
            f"not valid YAML: {detail}", line, key="yaml_invalid", detail=detail
        ) from exc
    except yaml.reader.ReaderError as exc:
        # PyYAML's own text is a Python repr over two lines ('... in "<unicode string>",
        # position 12'): say which character and where, in the file's terms.
        position = max(0, min(int(exc.position), len(text)))
        line = text.count("\n", 0, position) + 1
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        character = chr(code).encode("unicode_escape").decode()
        raise YAMLFileError(
            f"not valid YAML: the control character {character}"
            " is not allowed in a YAML file; remove it, or write it as an escape in a"
            " double-quoted string",
            line,
            key="yaml_control_character",
            character=character,
        ) from exc
    except yaml.YAMLError as exc:
        detail = quoted(str(exc), 300, quote=False)
        raise YAMLFileError(f"not valid YAML: {detail}", key="yaml_invalid", detail=detail) from exc
    except RecursionError as exc:
        raise YAMLFileError("nested too deeply; flatten the file", key="yaml_too_deep") from exc
    except (ValueError, OverflowError) as exc:  # a value PyYAML's constructors cannot build
        reason = quoted(str(exc), 200, quote=False)
        raise YAMLFileError(
            f"unsupported value ({reason}); quote it to use it as text",
            key="yaml_unsupported_value",
            reason=reason,
        ) from exc


def read_bytes(path: StrPath) -> bytes:
    """A file's bytes; a missing or unreadable file becomes `YAMLFileError` (line 0)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise YAMLFileError("file not found", key="yaml_not_found") from exc
    except IsADirectoryError as exc:
        raise YAMLFileError("is a directory, not a file", key="yaml_directory") from exc
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise YAMLFileError(f"cannot read: {reason}", key="yaml_unreadable", reason=reason) from exc


def decode(data: bytes) -> str:
    """UTF-8 text, without a byte-order mark some editors put in front."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YAMLFileError("not UTF-8 text", key="yaml_not_utf8") from exc


def load_path(path: StrPath) -> Any:
    """Read and parse one file; unreadable files become `YAMLFileError` too."""
    return loads(decode(read_bytes(path)), os.fspath(path))


def dumps(data: Any) -> str:
    """Plain block-style YAML that keeps non-ASCII (zh-TW) text readable."""
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def load_data(path: StrPath) -> Any:
    """A package data file (UI texts, template catalog), through the startup cache.

    Keyed by the file's content; only plain JSON-able data is stored, so a warm run gets
    exactly what a cold one parsed (as plain dicts: data files need no line numbers).
    """
    from advisor import cache

    raw = read_bytes(path)
    key = cache.content_key("data", raw)
    stored = cache.load("data", key)
    if stored is not None:
        return stored
    data = loads(decode(raw), os.fspath(path))
    if _is_plain(data):
        cache.store("data", key, data)
    return data


def _is_plain(value: Any) -> bool:
    """Whether JSON gives *value* back unchanged (no dates, no number keys, no NaN)."""
    if value is None or isinstance(value, (str, bool)):
        return True
    if isinstance(value, int):
        return not int_too_long(value)
    if isinstance(value, float):
        import math

        return math.isfinite(value)
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False

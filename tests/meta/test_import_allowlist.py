"""Startup cost, guarded like click's test_imports: `import advisor` and a warm
`advisor recommend --format json` may load only the modules listed here.

Not "not rich, not questionary": any new import on these paths (pathlib, logging,
tempfile, hashlib's OpenSSL, dataclasses, yaml ...) fails this test until someone
decides it is worth its milliseconds and adds it below with a reason. The other
non-interactive paths (a cold run, plain output, every command module) may not load
the heavy libraries (rich, questionary, prompt_toolkit, pygments) at all.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import clean_env

#: Standard-library modules `import advisor` may load (beyond interpreter startup).
IMPORT_ADVISOR = frozenset(
    {
        "__future__",  # every module's `from __future__ import annotations`
        "typing", "_typing", "types", "collections", "_collections", "collections.abc",
        "enum",  # re's flags (typing imports re); advisor's own classes are no enums but Source
        "functools", "_functools", "operator", "_operator", "itertools", "keyword",
        "reprlib", "copyreg", "contextlib", "warnings",  # NamedTuple and enum need these
        # typing imports re on 3.10/3.11
        "re", "re._casefix", "re._compiler", "re._constants", "re._parser", "_sre",
        "sre_compile", "sre_parse", "sre_constants", "_locale",  # re on 3.10 (it loads _locale)
    }
)  # fmt: skip

#: What a warm `python -m advisor recommend --format json` may add to that.
RECOMMEND_JSON = IMPORT_ADVISOR | frozenset(
    {
        "runpy", "importlib", "importlib._abc", "importlib.machinery", "importlib.util",
        "pkgutil",  # `python -m`
        # the command line; not gettext or locale: argparse is imported without them
        # (cli._argparse_without_gettext), and that was a measured part of start-up
        "argparse", "_colorize",
        "json", "json.decoder", "json.encoder", "json.scanner", "_json",  # output + cache
        "_sha2", "_sha256",  # cache keys, without hashlib's OpenSSL
        "string", "_string",  # templates
        "shlex",  # the "repeat" command line
        "errno", "stat", "_stat",  # file checks
    }
)  # fmt: skip

#: advisor's own modules that must stay off these paths.
NEVER = (
    "advisor.prompt",
    "advisor.tree.parsing",
    "advisor.tree.graph",
    "advisor.tree.checker",
    "advisor.rules",  # the rule registry is for scan, convert and explain only
)


def imported(*args: str, env: dict[str, str]) -> set[str]:
    """Modules a Python run imports beyond interpreter startup (from -X importtime)."""

    def names(argv: list[str]) -> set[str]:
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", *argv],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )
        return {
            line.rsplit("|", 1)[1].strip()
            for line in proc.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        } - {"package"}

    return names(list(args)) - names(["-c", "pass"])


def unexpected(modules: set[str], allowed: frozenset[str]) -> list[str]:
    ours = {m for m in modules if m == "advisor" or m.startswith("advisor.")}
    return sorted((modules - ours - allowed) | {m for m in ours if m.startswith(NEVER)})


def test_import_advisor_loads_only_the_allow_list(tmp_path):
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path))
    modules = imported("-c", "import advisor", env=env)
    assert "advisor.api" in modules  # the probe sees our own imports
    assert unexpected(modules, IMPORT_ADVISOR) == []


def test_warm_recommend_json_loads_only_the_allow_list(tmp_path):
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path))
    argv = ["-m", "advisor", "recommend", "--cpu-bound", "no", "--concurrency", "500"]
    argv += ["--format", "json"]
    cold = imported(*argv, env=env)
    assert "yaml" in cold  # the probe does see a third-party import
    assert not [m for m in cold if m.split(".")[0] in HEAVY]
    warm = imported(*argv, env=env)
    assert unexpected(warm, RECOMMEND_JSON) == []


def test_the_start_up_types_are_cheap_to_build():
    """Every `advisor recommend` builds these classes: a NamedTuple field annotated with a
    string is compiled into a ForwardRef at import (models, errors and cli._invocation have no
    ``from __future__ import annotations`` for that reason), and an enum class costs more
    than a class of int constants."""
    import enum
    import typing

    from advisor import errors, models
    from advisor.cli import _invocation

    classes = [
        value
        for module in (models, errors, _invocation)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields")
    ]
    assert len(classes) > 15
    forward = [
        f"{cls.__name__}.{name}"
        for cls in classes
        for name, kind in cls.__annotations__.items()
        if isinstance(kind, (str, typing.ForwardRef))
    ]
    assert forward == []
    assert not issubclass(errors.ExitCode, enum.Enum)


FORWARD_REFS = """
import collections, io, sys, typing
made = collections.Counter()
real = typing.ForwardRef.__init__
def counting(self, arg, *args, **kwargs):
    made[arg] += 1
    return real(self, arg, *args, **kwargs)
typing.ForwardRef.__init__ = counting
from advisor.cli import main
code = main(sys.argv[1:], stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO())
print(code, sorted(made))
"""


@pytest.mark.parametrize("fmt", ["json", "plain"])
def test_recommend_compiles_no_forward_reference(fmt):
    """Counted over a whole `advisor recommend` run, whichever module a type lives in: the
    first ForwardRef a process compiles costs about 4 ms of start-up (render.recommendation's
    `Shown` did, before it lost ``from __future__ import annotations``)."""
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            FORWARD_REFS,
            "recommend",
            "--cpu-bound",
            "no",
            "--concurrency",
            "500",
            "--format",
            fmt,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=clean_env(),
    )
    assert proc.stdout.strip() == "0 []", proc.stderr


HEAVY = ("rich", "questionary", "prompt_toolkit", "pygments")


PROBE = """
import json, sys
{body}
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})))
"""


def loaded_after(body: str) -> list[str]:
    code = PROBE.format(body=body, heavy=HEAVY)
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=True,
        timeout=60,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_recommend_plain_is_light():
    body = "import io, advisor.cli\nadvisor.cli.main(['recommend', '--cpu-bound', 'yes', '--format', 'plain'], stdout=io.StringIO())\n"
    assert loaded_after(body) == []


def test_rich_output_does_load_rich():
    """Guards the probe itself: it does see rich when rich is used."""
    body = "import io, advisor.cli\nadvisor.cli.main(['recommend', '--cpu-bound', 'yes', '--format', 'rich'], stdout=io.StringIO())\n"
    assert "rich" in loaded_after(body)


def test_every_command_module_follows_the_protocol():
    """Each name in COMMANDS is a module with NAME, SUMMARY, add_arguments and run, and
    importing it is light (the command table imports them all for `advisor --help`)."""
    import importlib

    from advisor.cli._app import COMMANDS

    for name in COMMANDS:
        module = importlib.import_module(f"advisor.cli.{name}")
        assert name == module.NAME
        assert module.SUMMARY.strip()
        assert callable(module.add_arguments)
        assert callable(module.run)
    body = "import " + ", ".join(f"advisor.cli.{name}" for name in COMMANDS)
    assert loaded_after(body) == []

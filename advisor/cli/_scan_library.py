"""`scan --recommend`, code that is a library, not an application (issue 19, cause 8).

A package with no entry point, one whose only programs are demos, helper scripts, bundled tools
or an interactive console, and that says it is meant to be imported: what it calls says nothing
about how a program runs it, so it is refused unless the user insists (`APPLICATION`). The
longest of the refusals, kept apart from `_scan_recommend`'s flow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.cli._scan_unread import _unread_start
from advisor.errors import ScanError

if TYPE_CHECKING:
    from advisor.inference import Inference

#: Recommend for code that shows no entry point (a library), because the user insists.
APPLICATION = "--application"


def _refuse_library(paths: list[str], inference: Inference) -> None:
    """A library is not an application (issue 19, cause 8): a package with no entry point,
    no app object and no notebook; what it calls says nothing about how a program runs it.
    A package's ``__main__.py`` that hands over to no main function (rich's demo) is the
    program's start unless the package says it is meant to be imported (a ``py.typed``)."""
    from advisor.evidence.sources import declared_entry_points, library_marks

    if inference.helper_scripts and not declared_entry_points(paths):
        # psutil: every entry point a demo program in scripts/ beside the package; a
        # research project's scripts/train.py declares no library mark and stays a program.
        marks = library_marks(paths, inference.package_dirs, topic=True)
        if marks:
            first = inference.helper_scripts[0].rsplit(" (", 1)[0]
            count = str(len(inference.helper_scripts))
            raise _looks_like_library(
                paths, marks[0], key="scan_library_scripts", count=count, first=first
            )
    if inference.consoles:
        # websockets: its one declared script is an interactive client (it reads the next
        # line typed, with readline), and a py.typed says the package is meant to be
        # imported; a console that is the application declares no such mark.
        marks = library_marks(paths, inference.package_dirs)
        if marks:
            console = inference.consoles[0]
            raise _looks_like_library(paths, marks[0], key="scan_library_console", console=console)
    _refuse_retired(paths)
    _refuse_tools(paths, inference)
    _refuse_api_scripts(paths, inference)
    if inference.entry_points or inference.entry_points is None or not inference.packages:
        return  # loose files with no entry point get the benefit of the doubt: snippets
    if declared_entry_points(paths):
        return
    where = " ".join(paths)
    unread = _unread_start(inference)
    if unread is not None:
        # A __main__.py that could not be read is an entry point, not its absence: calling
        # the code a library would contradict the line above it (newcomer re-check).
        path, reason = unread
        count = str(len(inference.skipped))
        raise ScanError(
            f"{where}: no entry point in the files read, and {count} file(s) could not be "
            f"read (first: {path}: {reason.get('en')}), so advisor cannot tell a program from "
            f"a library; fix them, or add {APPLICATION} to recommend from the files read",
            key="scan_library_unread",
            folder=where,
            count=count,
            path=path,
            reason=reason.get("zh-TW"),
            option=APPLICATION,
        )
    if inference.demos:
        demo = inference.demos[0].rsplit(" (", 1)[0]
        folders = [d.split(":", 1)[0].rsplit("/", 1)[0] for d in inference.demos]
        marks = library_marks(paths, folders)
        if not marks:
            return  # `python -m app` may be how the application runs
        raise _looks_like_library(paths, marks[0], key="scan_library_demo", demo=demo)
    raise ScanError(
        f"{where}: this looks like a library (no main guard, __main__.py, [project.scripts], "
        "framework app or notebook); scan the application that uses it, or add "
        f"{APPLICATION} to recommend for this code anyway",
        key="scan_library",
        folder=where,
        option=APPLICATION,
    )


#: Entry points that start code, as a tool's __main__.py or main guard does (not an app).
_PROGRAM_STARTS = ("(__main__.py)", "(main guard)", "(module-level code)")


def _refuse_tools(paths: list[str], inference: Inference) -> None:
    """pySerial: every declared script runs a tool bundled inside the importable package
    (``serial.tools.miniterm``), none is the project's own command, and the project says it
    is meant to be imported: a library (issue 19, cause 8)."""
    from advisor.evidence.sources import library_marks, tool_scripts

    if any(not e.endswith(_PROGRAM_STARTS) for e in inference.entry_points or ()):
        return  # an app object or a notebook is an application's, whatever its scripts
    tools = tool_scripts(paths, inference.package_dirs)
    marks = library_marks(paths, inference.package_dirs, topic=True) if tools else []
    if not marks:
        return
    raise _looks_like_library(
        paths,
        marks[0],
        key="scan_library_tools",
        english={"scripts": ", ".join(tools[:3]) + (", ..." if len(tools) > 3 else "")},
        scripts="、".join(tools[:3]) + ("⋯" if len(tools) > 3 else ""),
    )


def _refuse_api_scripts(paths: list[str], inference: Inference) -> None:
    """jmespath: its one program is ``bin/jp.py`` (setup.py ``scripts=``), which calls only
    ``jmespath.search`` and ``jmespath.compile``, the package's public API, and hands over to
    no start function: a library's command line, not an application (issue 19, cause 8).
    Said from the code alone: such a project needs no py.typed to be a library."""
    if not inference.api_scripts:
        return
    script, _, calls = inference.api_scripts[0].partition(": ")
    where = " ".join(paths)
    raise ScanError(
        f"{where}: this looks like a library: its only program, {script}, is a command line "
        f"over the package's public API ({calls}) that hands over to no start function of "
        f"its own; scan the application that uses it, or add {APPLICATION} to recommend for "
        "this code anyway",
        key="scan_library_api_script",
        folder=where,
        script=script,
        calls=calls,
        option=APPLICATION,
    )


def _refuse_retired(paths: list[str]) -> None:
    """jsonschema: its one command warns, as it starts, that it is deprecated, and its
    ``__init__.py`` re-exports the validators: the package is what it exports, the command a
    front end being retired (`advisor.evidence.retired_commands`; issue 19, cause 8)."""
    from advisor.evidence.retired_commands import retired_commands

    commands, api = retired_commands(paths)
    if not commands:
        return
    where = " ".join(paths)
    said = ", ".join(commands)
    raise ScanError(
        f"{where}: this looks like a library: its declared command ({said}) warns that it is "
        f"deprecated, and {api} re-exports the package's API from its modules; scan the "
        f"application that uses it, or add {APPLICATION} to recommend for this code anyway",
        key="scan_library_retired",
        folder=where,
        commands="、".join(commands),
        api=api,
        option=APPLICATION,
    )


#: Why code looks like a library, in English, by message key (the zh-TW texts are under the
#: same keys in texts/errors.zh-TW.yaml); every one goes on with the package's own mark.
_LIBRARY_REASONS = {
    "scan_library_scripts": (
        "its {count} entry points ({first}, ...) are programs in a helper folder beside the package"
    ),
    "scan_library_console": (
        "its program, {console}, is an interactive console (it reads what the user types, "
        "line by line)"
    ),
    "scan_library_demo": (
        "its only entry point, {demo}, shows the package off without handing over to a main "
        "function"
    ),
    "scan_library_tools": (
        "its declared scripts ({scripts}) are tools bundled inside the package, none is the "
        "project's own command"
    ),
}


def _looks_like_library(
    paths: list[str],
    mark: str,
    *,
    key: str,
    english: dict[str, str] | None = None,
    **fields: str,
) -> ScanError:
    """The refusal of code that looks like a library for the reason under *key*, which
    *mark* (a ``py.typed``, a topic) confirms: one shape for every such reason, so the
    advice after it cannot drift between them. *english* holds fields written otherwise
    in the English text than in the zh-TW one (a list's separator)."""
    where = " ".join(paths)
    reason = _LIBRARY_REASONS[key].format(**{**fields, **(english or {})})
    return ScanError(
        f"{where}: this looks like a library: {reason}, and {mark} says it is meant to be "
        f"imported; scan the application that uses it, or add {APPLICATION} to recommend "
        "for this code anyway",
        key=key,
        folder=where,
        mark=mark,
        option=APPLICATION,
        **fields,
    )

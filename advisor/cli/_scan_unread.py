"""`scan --recommend`, code that could not be read: no code at all, or the start unread.

Nothing to infer from is an error that names the first unreadable file; an unreadable
``__main__.py``, or more than a tenth of the files skipped, is said out loud before the answers
(issue 19, cause 9). Also read by `_scan_library`: an unread start is not the absence of one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.cli import _common as common
from advisor.errors import ScanError

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation
    from advisor.inference import Inference

#: More than this share of files unread, and the answers may miss the program's main work.
UNREAD_SHARE = 0.1


def _warn_unread(inference: Inference, inv: Invocation) -> None:
    """Unreadable entry points said out loud (issue 19, cause 9): a skipped ``__main__.py``,
    or more than a tenth of the files skipped (newer syntax, for example)."""

    from advisor.texts import ui

    unread = _unread_start(inference)
    if unread is None:
        return
    texts = ui(inv.lang)
    skipped = inference.skipped
    # The file and its reason are said here: "(see Skipped)" pointed at a section a refused
    # run (exit 2) never prints (newcomer review 15).
    path, reason = unread
    said = reason.get(inv.lang)
    if _is_main(path):
        note = texts("scan_entry_unread", path=path, reason=said)
    else:
        total = inference.files + len(skipped)
        note = texts(
            "scan_many_unread", count=str(len(skipped)), total=str(total), path=path, reason=said
        )
    common.notice(note)


def _is_main(path: str) -> bool:
    return path.rsplit("/", 1)[-1].split(":", maxsplit=1)[0] == "__main__.py"


def _unread_start(inference: Inference) -> tuple[str, Any] | None:
    """The skipped file that may have held what the program starts with: a ``__main__.py``,
    else the first skipped file when more than a tenth of the files were skipped."""
    skipped = inference.skipped
    entries = [item for item in skipped if _is_main(item[0])]
    if entries:
        return entries[0]
    if skipped and len(skipped) > UNREAD_SHARE * (inference.files + len(skipped)):
        return skipped[0]
    return None


def _no_code(paths: list[str], inference: Inference) -> ScanError:
    """Nothing to infer from: say so, never guess."""
    where = " ".join(paths)
    if not inference.skipped:
        return ScanError(
            f"{where}: no Python files or notebooks found; point `advisor scan --recommend` "
            "at the folder of your code",
            key="scan_no_code",
            folder=where,
        )
    path, reason = inference.skipped[0]
    count = str(len(inference.skipped))
    if count == "1":
        # One file named and unreadable: "none of the 1 files ... (first: ...)" read oddly,
        # and its zh-TW "1 個……都" worse (review 13).
        return ScanError(
            f"{path}: {reason.get('en')}; fix it, or point `advisor scan --recommend` elsewhere",
            key="scan_no_readable_one",
            path=path,
            reason=reason.get("zh-TW"),
        )
    return ScanError(
        f"{where}: none of the {count} Python files or notebooks could be read (first: "
        f"{path}: {reason.get('en')}); fix them, or point `advisor scan --recommend` elsewhere",
        key="scan_no_readable_code",
        folder=where,
        count=count,
        path=path,
        reason=reason.get("zh-TW"),
    )

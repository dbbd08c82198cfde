"""The library pipeline behind `advisor profile`: a command in, a `ProfileReport` out."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from typing import Any

from advisor import datafiles
from advisor.errors import ProfileError
from advisor.measurement import ProfileReport
from advisor.models import Answer, Source, Tree
from advisor.profiler import infer, sampler

PROBE_DIR = datafiles.path(__file__, "probe")


def probe_env(
    environ: Mapping[str, str], report_dir: str, block_ms: float = 100.0
) -> dict[str, str]:
    """The child's environment: ours, with the probe first on PYTHONPATH."""
    env = dict(environ)
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = PROBE_DIR + (os.pathsep + path if path else "")
    env["ADVISOR_PROBE_DIR"] = report_dir
    env["ADVISOR_PROBE_BLOCK_MS"] = f"{block_ms:g}"
    return env


def _read_reports(directory: str) -> list[Mapping[str, Any]]:
    reports: list[Mapping[str, Any]] = []
    for name in sorted(os.listdir(directory)):
        if name.startswith("probe-") and name.endswith(".json"):
            try:
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    reports.append(json.load(handle))
            except (OSError, ValueError):
                continue
    return reports


def run_profile(
    command: Sequence[str],
    *,
    probe: bool = True,
    environ: Mapping[str, str] | None = None,
    block_ms: float = 100.0,
) -> ProfileReport:
    """Run *command* once, measuring it from outside (and inside, with the probe)."""
    if not command:
        raise ProfileError(
            "no command to profile; give one after --, e.g. advisor profile -- python app.py",
            key="profile_no_command",
        )
    base = dict(os.environ if environ is None else environ)
    report_dir = tempfile.mkdtemp(prefix="advisor-probe-")
    try:
        env = probe_env(base, report_dir, block_ms) if probe else base
        try:
            sampled = sampler.run(command, env)
        except FileNotFoundError as exc:
            raise ProfileError(
                f"command not found: {command[0]}; check the command after --",
                key="profile_not_found",
                command=command[0],
            ) from exc
        except PermissionError as exc:
            raise ProfileError(
                f"cannot run {command[0]}: permission denied; check that it is executable",
                key="profile_not_executable",
                command=command[0],
            ) from exc
        reports = _read_reports(report_dir) if probe else []
    finally:
        shutil.rmtree(report_dir, ignore_errors=True)
    summary = infer.merge_probes(reports)
    note = None
    if summary is None:
        # 128 + N: signal N ended it before the probe wrote (os.abort, a segfault, SIGKILL):
        # a crashed Python program, not "not a Python program" (newcomer #41).
        crashed = sampled.exit_code > 128
        note = "disabled" if not probe else ("crashed" if crashed else "no_report")
    observations, answers = infer.infer(sampled, summary)
    return ProfileReport(
        command=tuple(command),
        exit_code=sampled.exit_code,
        wall_s=sampled.wall_s,
        cpu_s=sampled.cpu_s,
        ready_s=sampled.ready_s,
        avg_cores=sampled.cpu_s / sampled.wall_s if sampled.wall_s else 0.0,
        peak_cores=sampled.peak_cores,
        peak_threads=sampled.peak_threads,
        peak_processes=sampled.peak_processes,
        # The probe's figure counts only the program's own memory, even for a program too
        # short for the sampler to see (newcomer #31); 0 when neither saw it.
        peak_rss=max(sampled.peak_rss, summary.peak_rss if summary else 0),
        ctx_voluntary=sampled.ctx_voluntary,
        ctx_involuntary=sampled.ctx_involuntary,
        probe=summary,
        probe_note=note,
        observations=observations,
        answers=answers,
    )


def measured_answers(report: ProfileReport, tree: Tree, lang: str = "en") -> dict[str, Answer]:
    """The report's answers as `Source.MEASURED` answers, for the questions *tree* has; the
    evidence is the observation in the user's language."""
    from advisor.texts import ui

    texts = ui(lang)
    return {
        qid: Answer(m.value, Source.MEASURED, texts(m.observation.key, **m.observation.params))
        for qid, m in report.answers.items()
        if qid in tree.questions
    }

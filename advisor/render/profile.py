"""`advisor profile`'s report as rich, plain text or JSON, in English or zh-TW.

The report goes to stderr by default (the profiled program owns stdout), so it is short:
the figures, what they mean, and the answers they gave.
"""

from __future__ import annotations

import itertools
import json
import shlex
from collections.abc import Callable
from typing import IO, Any

from advisor.measurement import Observation, ProbeSummary, ProfileReport
from advisor.models import AnswerValue
from advisor.render import console
from advisor.render.common import spell
from advisor.render.measures import cells, duration, pad, size
from advisor.texts import UI, plural, ui


def say(observation: Observation, texts: UI) -> str:
    return texts(observation.key, **observation.params)


def figure_rows(report: ProfileReport, texts: UI) -> list[tuple[str, str]]:
    rows = [
        (texts("profile_exit"), str(report.exit_code)),
        (texts("profile_wall"), duration(report.wall_s)),
        (texts("profile_cpu"), duration(report.cpu_s)),
        (texts("profile_ready"), duration(report.ready_s)),
        (
            texts("profile_cores"),
            texts(
                "profile_cores_value",
                avg=f"{report.avg_cores:.2f}",
                peak=f"{report.peak_cores:.2f}",
            ),
        ),
        (texts("profile_peaks"), f"{report.peak_threads} / {report.peak_processes}"),
        (texts("profile_rss"), size(report.peak_rss) if report.peak_rss else "—"),
        (texts("profile_ctx"), f"{report.ctx_voluntary:,} / {report.ctx_involuntary:,}"),
    ]
    probe = report.probe
    if probe is None:
        rows.append((texts("profile_probe"), texts(f"profile_probe_{report.probe_note}")))
        return rows
    rows.append((texts("profile_probe"), texts("profile_probe_value", processes=probe.processes)))
    rows.append(
        (
            texts("profile_gil"),
            texts(
                "profile_gil_value",
                p50=f"{probe.gil_late_p50_ms:.1f}",
                p95=f"{probe.gil_late_p95_ms:.1f}",
            ),
        )
    )
    loop = (
        texts(
            plural("profile_loop_value", probe.peak_tasks),
            p95=f"{probe.loop_lag_p95_ms:.0f}",
            max=f"{probe.loop_lag_max_ms:.0f}",
            tasks=probe.peak_tasks,
        )
        if probe.loop_ran
        else texts("profile_loop_none")
    )
    rows.append((texts("profile_loop"), loop))
    if probe.loop_ran and probe.lag_counts:
        rows.append((texts("profile_lag_histogram"), histogram(probe)))
    gil = probe.gil
    if gil is not None and gil.free_threaded:
        if not gil.enabled_at_end:
            state = texts("profile_gil_off")
        elif gil.warnings:
            state = texts("profile_gil_on", warning=gil.warnings[0])
        else:
            state = texts("profile_gil_on_unknown")
        rows.append((texts("profile_gil_line"), state))
    return rows


def histogram(probe: ProbeSummary) -> str:
    """`<10 ms: 40 · 10-50 ms: 2 · ... · ≥1000 ms: 0`, the lag of every tick by bucket."""
    edges = probe.lag_edges_ms
    labels = [f"<{edges[0]}"] if edges else []
    labels += [f"{low}-{high}" for low, high in itertools.pairwise(edges)]
    labels += [f"≥{edges[-1]}"] if edges else []
    return " · ".join(
        f"{label} ms: {count}" for label, count in zip(labels, probe.lag_counts, strict=False)
    )


def blocking_lines(report: ProfileReport, texts: UI, lang: str, top: int = 5) -> list[str]:
    """The blocking sites, most total blocking first: a heading, then per site where the
    user's code made the call, where it blocked, and the scan rule with its fix."""
    from advisor.profiler.infer import fix_text, loop_callback, where

    probe = report.probe
    if probe is None or not probe.loop_ran or not probe.blocked_s:
        return []
    episodes = sum(site.episodes for site in probe.sites) + probe.unblamed
    lines = [
        texts(
            "profile_blocking_title",
            ms=f"{probe.block_ms:.0f}",
            episodes=episodes,
            total=f"{probe.blocked_s * 1000:.0f}",
        )
    ]
    for site in probe.sites[:top]:
        if loop_callback(site):
            lines.append(
                "  "
                + texts(
                    "profile_blocking_callback",
                    call=site.blocked_call,
                    episodes=site.episodes,
                    total=f"{site.total_s * 1000:.0f}",
                    worst=f"{site.worst_s * 1000:.0f}",
                )
            )
        elif site.file is None:
            lines.append(
                "  "
                + texts(
                    "profile_blocking_library",
                    where=where(site.blocked_file, site.blocked_line),
                    function=f"{site.blocked_function}()",
                )
            )
        else:
            lines.append(
                "  "
                + texts(
                    "profile_blocking_site",
                    where=where(site.file, site.line),
                    function=f"{site.function}()",
                    call=site.call or "?",
                    episodes=site.episodes,
                    total=f"{site.total_s * 1000:.0f}",
                    worst=f"{site.worst_s * 1000:.0f}",
                )
            )
            if site.blocked_file is not None:
                lines.append(
                    "      "
                    + texts(
                        "profile_blocking_inside",
                        call=site.blocked_call or "?",
                        where=where(site.blocked_file, site.blocked_line),
                        function=f"{site.blocked_function}()",
                    )
                )
        lines.append(
            "      "
            + texts(
                "profile_blocking_rule", rule=site.rule, fix=fix_text(site.fix, lang, site.loop)
            )
        )
    if probe.unblamed:
        lines.append("  " + texts("profile_blocking_unsampled", episodes=probe.unblamed))
    return lines


def finding_lines(report: ProfileReport, texts: UI) -> list[str]:
    """Observations that answer no question (answers carry their own evidence)."""
    return [say(o, texts) for o in report.observations]


def answer_rows(report: ProfileReport, texts: UI) -> list[tuple[str, str]]:
    def flag(qid: str) -> str:
        return "--" + qid.replace("_", "-")

    def shown(value: AnswerValue) -> str:
        return spell(value, texts)

    return [
        (f"{flag(q)} {shown(a.value)}", say(a.observation, texts))
        for q, a in sorted(report.answers.items())
    ]


def plain(report: ProfileReport, stream: IO[str], lang: str) -> None:
    texts = ui(lang)
    out = [texts("profile_title", command=shlex.join(report.command)), ""]
    rows = figure_rows(report, texts)
    width = max(cells(label) for label, _ in rows)
    out += [f"  {pad(label, width)}  {value}" for label, value in rows]
    blocking = blocking_lines(report, texts, lang)
    if blocking:
        out += ["", *blocking]
    findings = finding_lines(report, texts)
    if findings:
        out += ["", texts("profile_findings")]
        out += [f"  - {line}" for line in findings]
    out += ["", texts("profile_answers")]
    answers = answer_rows(report, texts)
    flag_width = max((cells(flag) for flag, _ in answers), default=0)
    out += [f"  {pad(flag, flag_width)}  ← {why}" for flag, why in answers]
    if not answers:
        out.append("  " + texts("profile_nothing"))
    if report.recommendation is not None:
        import io

        from advisor.render.recommendation import FORMATS as REC_FORMATS
        from advisor.render.recommendation import Shown

        whole = io.StringIO()  # the whole recommendation, as `recommend` prints it (#58)
        REC_FORMATS["plain"](Shown(report.recommendation), whole, lang)
        out += ["", whole.getvalue().rstrip("\n")]
    if report.repeat:
        out += ["", texts("repeat_hint", command=report.repeat)]
    if report.recommend_note:
        out += ["", report.recommend_note]
    stream.write("\n".join(out) + "\n")


def rich(report: ProfileReport, stream: IO[str], lang: str) -> None:
    from rich.table import Table

    texts = ui(lang)
    con = console(stream)
    grid = Table(
        title=texts("profile_title", command=shlex.join(report.command)), show_header=False
    )
    grid.add_column(style="bold", overflow="fold")  # CJK labels have no space to wrap at
    grid.add_column(overflow="fold")
    for label, value in figure_rows(report, texts):
        grid.add_row(label, value)
    con.print(grid)
    blocking = blocking_lines(report, texts, lang)
    if blocking:
        con.print(blocking[0], style="bold", markup=False, highlight=False)
        for line in blocking[1:]:
            con.print(line, markup=False, highlight=False)
    findings = finding_lines(report, texts)
    if findings:
        con.print(f"[bold]{texts('profile_findings')}[/bold]", highlight=False)
        for line in findings:
            con.print(f"  • {line}", markup=False, highlight=False)
    answers = Table(title=texts("profile_answers"), show_header=False, box=None)
    answers.add_column(style="bold cyan", no_wrap=True)
    answers.add_column(overflow="fold")
    for flag, why in answer_rows(report, texts):
        answers.add_row(flag, why)
    if not report.answers:
        answers.add_row(texts("profile_nothing"), "")
    con.print(answers)
    if report.recommendation is not None:
        from advisor.render.recommendation import FORMATS as REC_FORMATS
        from advisor.render.recommendation import Shown

        REC_FORMATS["rich"](Shown(report.recommendation), stream, lang)
    if report.repeat:
        con.print(texts("repeat_hint", command=report.repeat), markup=False, highlight=False)
    if report.recommend_note:
        con.print(report.recommend_note, markup=False, highlight=False)


def as_json(report: ProfileReport, stream: IO[str], lang: str) -> None:
    data: dict[str, Any] = report.to_dict()
    texts = ui(lang)
    data["lang"] = lang
    data["findings"] = finding_lines(report, texts)
    data["blocking"] = blocking_lines(report, texts, lang)
    for qid, answer in data["answers"].items():
        answer["evidence"]["text"] = say(report.answers[qid].observation, texts)
    stream.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


FORMATS: dict[str, Callable[[ProfileReport, IO[str], str], None]] = {
    "rich": rich,
    "plain": plain,
    "json": as_json,
}

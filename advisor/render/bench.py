"""`advisor bench` and `bench --claims` as rich, plain text or JSON, in English or zh-TW."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any

from advisor.measurement import BenchResult, ClaimsResult, Figure, Machine, ModelRun
from advisor.render import console
from advisor.render.measures import cells, duration, size, table
from advisor.texts import UI, plural, ui

Result = BenchResult | ClaimsResult

#: How the runner marks a run whose worker a signal ended (advisor.benchmark.runner.CRASHED;
#: render never imports the bench).
CRASHED = "crashed: "

#: A recommendation within this factor of the best counts as right, as in benchmarks/accuracy.py.
GOOD_ENOUGH = 1.25


def machine_line(machine: Machine, texts: UI) -> str:
    return texts(
        "bench_machine",
        cpu=machine.cpu or "?",
        cores=machine.cores,
        memory=size(machine.memory_bytes),
        python=machine.python,
        platform=machine.platform,
        start=machine.start_method,
        gil="" if machine.gil else texts("bench_gil_off"),
    )


def _ratio(run: ModelRun) -> str:
    if run.ratio is None:
        return "—"
    return f"≥ {run.ratio:.2f}" if run.stopped else f"{run.ratio:.2f}"


def cap_text(cap_s: float) -> str:
    """The cap as both the table and the note show it: 1.5, never rounded to 2."""
    return f"{cap_s:g}"


def _time(run: ModelRun, result: BenchResult, texts: UI) -> str:
    if run.error and run.error.startswith(CRASHED):  # the worker was killed by a signal
        return texts("bench_crashed", signal=run.error[len(CRASHED) :])
    if run.error:
        return texts("bench_error", error=run.error)
    if run.stopped:
        return texts("bench_stopped", seconds=cap_text(result.profile.cap_s))
    return duration(run.median_s or 0.0)


def _mark(run: ModelRun, result: BenchResult, texts: UI) -> str:
    if run.variant == result.best:
        return texts("bench_best")
    return texts("bench_tie") if run.tie else ""


def bench_rows(result: BenchResult, texts: UI) -> tuple[list[str], list[list[str]]]:
    header = [
        texts("bench_col_model"),
        texts("bench_col_time"),
        texts("bench_col_ratio"),
        texts("bench_col_throughput"),
        texts("bench_col_rss"),
        texts("bench_col_cores"),
    ]
    rows = [
        [
            run.variant,
            _time(run, result, texts) + (f" ±{run.spread * 50:.0f}%" if len(run.walls) > 1 else ""),
            " ".join(filter(None, [_ratio(run), _mark(run, result, texts)])),
            f"{run.throughput:.0f}" if run.throughput else "—",
            size(run.peak_rss) if run.peak_rss else "—",
            f"{run.cores:.2f}" if run.median_s and not run.stopped else "—",
        ]
        for run in result.runs
    ]
    return header, rows


def setup_lines(result: BenchResult, texts: UI) -> list[str]:
    """How each model ran (pool sizes are part of the result), below the table."""
    return [texts("bench_col_setup") + ":"] + [f"  {r.variant}: {r.setup}" for r in result.runs]


def profile_line(result: BenchResult, texts: UI) -> str:
    p = result.profile
    tasks = texts(plural("bench_tasks", p.tasks), count=p.tasks)
    in_flight = (
        texts(plural("bench_all_in_flight", p.tasks), count=p.tasks)  # one task: "run alone"
        if p.concurrency >= p.tasks  # never "5 tasks, 100 in flight"
        else texts("bench_in_flight", count=p.concurrency)
    )
    parts = [
        texts(
            "bench_profile",
            tasks=tasks,
            in_flight=in_flight,
            io=f"{p.io_latency_ms:g}",
            cpu=f"{p.cpu_ms:g}",
        )
    ]
    if p.native_code and p.cpu_ms:
        parts.append(texts("bench_profile_native"))
    if p.shared_state:
        parts.append(texts("bench_profile_shared", increments=p.increments))
    if p.blocking_lib and p.io_latency_ms:
        parts.append(texts("bench_profile_blocking"))
    return texts("bench_profile_join").join(parts)


def verdict_lines(result: BenchResult, texts: UI) -> list[str]:
    """What the bench says about `recommend`'s answer for the same profile."""
    lines: list[str] = []
    if result.best:
        lines.append(texts("bench_winner", model=result.best))
    if len(result.ties) > 1:
        lines.append(texts("bench_ties", models=", ".join(result.ties)))
    stopped = [r.variant for r in result.runs if r.stopped]
    if stopped:  # capped: say so, and how to get a full race (newcomer #49, review 20 #19)
        cap, tasks = cap_text(result.profile.cap_s), result.profile.tasks
        # A result built by hand (the library) may carry no suggestion: a tenth, as before.
        smaller = result.suggested_tasks or max(1, tasks // 10)
        if tasks <= 1 or smaller >= tasks:  # one task is already too long for the cap
            lines.append(texts("bench_capped_one", models=", ".join(stopped), cap=cap))
        else:
            lines.append(
                texts(
                    "bench_capped", models=", ".join(stopped), cap=cap, tasks=tasks, smaller=smaller
                )
            )
    if result.assumed:  # said before the verdict that rests on them (newcomer #59)
        lines.append(texts("bench_assumed", flags=" ".join(result.assumed)))
    if result.defaults:  # the tree's own defaults, which recommend takes and the bench used
        lines.append(texts("bench_defaults", flags=" ".join(result.defaults)))
    if result.recommended is None:
        lines.append(texts("bench_recommend_missing", note=result.recommend_note or ""))
        return lines
    lines.append(
        texts("bench_recommend", model=result.recommended, leaf=result.recommended_leaf or "")
    )
    if result.recommend_command:
        lines.append(texts("bench_recommend_command", command=result.recommend_command))
    run = result.run_of(result.recommended)
    if run is None and result.recommended == "distributed":
        lines.append(texts("bench_not_raced", model=result.recommended))
    elif run is None:  # left out by --models (or not runnable here), not a many-machine model
        lines.append(texts("bench_not_selected", model=result.recommended))
    elif run.tie:
        lines.append(texts("bench_verdict_agree"))
    elif run.ratio is not None and run.ratio <= GOOD_ENOUGH and not run.stopped:
        lines.append(texts("bench_verdict_close", ratio=f"{run.ratio:.2f}"))
    elif run.ratio is not None:
        shown = f"≥ {run.ratio:.2f}" if run.stopped else f"{run.ratio:.2f}"
        lines.append(texts("bench_verdict_slower", ratio=shown))
    return lines


def note_lines(result: BenchResult, texts: UI) -> list[str]:
    repeats = result.profile.repeats
    lines = [texts(plural("bench_notes", repeats), count=repeats)]
    if result.served is not None:
        lines.append(texts(plural("bench_served", result.served), count=result.served))
    lines.append(machine_line(result.machine, texts))
    return lines


# --- claims ----------------------------------------------------------------------------------


def figure_text(figure: Figure, texts: UI) -> str:
    if figure.value is None:
        return texts("figure_missing", name=figure.id, error=figure.error or "?")
    if figure.unit == "bytes":
        value = size(figure.value)
    elif figure.unit == "seconds":
        value = duration(figure.value)
    else:
        value = f"{figure.value:.2f}"
    return texts(f"figure_{figure.id}", value=value, at=f"{figure.at:,}")


def claim_rows(result: ClaimsResult, texts: UI) -> list[tuple[str, list[str], str]]:
    by_key = {(f"{f.id}@{f.at}" if f.at else f.id): f for f in result.figures}
    rows = []
    for claim in result.claims:
        shown = [figure_text(by_key[ref], texts) for ref in claim.figures if ref in by_key]
        rows.append((claim.text.get(texts.lang), shown, texts(f"verdict_{claim.verdict}")))
    return rows


# --- formats ---------------------------------------------------------------------------------


def plain(value: Result, stream: IO[str], lang: str) -> None:
    texts = ui(lang)
    if isinstance(value, ClaimsResult):
        out = [texts("claims_title"), ""]
        for claim, figures, verdict in claim_rows(value, texts):
            out.append(f"- {claim}")
            out += [f"    {text}" for text in figures]
            out.append(f"    → {verdict}")
        out += ["", machine_line(value.machine, texts)]
    else:
        header, rows = bench_rows(value, texts)
        out = [texts("bench_title"), profile_line(value, texts), ""]
        out += table(header, rows)
        out += ["", *setup_lines(value, texts)]
        out += ["", *verdict_lines(value, texts), "", *note_lines(value, texts)]
    stream.write("\n".join(out) + "\n")


def rich(value: Result, stream: IO[str], lang: str) -> None:
    from rich import box
    from rich.table import Table

    from advisor.render.rich_text import Text

    texts = ui(lang)
    con = console(stream)
    if isinstance(value, ClaimsResult):
        claims = Table(title=texts("claims_title"), show_lines=True)
        claims.add_column(texts("claims_col_claim"), overflow="fold")
        claims.add_column(texts("claims_col_measured"), overflow="fold")
        claims.add_column(texts("claims_col_verdict"), overflow="fold")
        for claim, figures, verdict in claim_rows(value, texts):
            colours = {texts("verdict_holds"): "green", texts("verdict_not_measured"): "dim"}
            claims.add_row(
                claim, "\n".join(figures), Text(verdict, style=colours.get(verdict, "yellow"))
            )
        con.print(claims)
        con.print(Text(machine_line(value.machine, texts), style="dim"))
        return
    header, rows = bench_rows(value, texts)
    grid = Table(title=texts("bench_title"), box=box.SIMPLE_HEAD, pad_edge=False)
    for index, column in enumerate(header):
        # Figures never wrap; headers may (a column is as wide as its widest figure).
        widest = max((cells(row[index]) for row in rows), default=1)
        grid.add_column(column, justify="right" if index else "left", min_width=widest)
    for run, row in zip(value.runs, rows, strict=True):
        style = "bold green" if run.variant == value.best else ("green" if run.tie else "")
        grid.add_row(*row, style=style)
    con.print(Text(profile_line(value, texts)))
    con.print(grid)
    for line in setup_lines(value, texts):
        con.print(Text(line, style="dim"))
    for line in verdict_lines(value, texts):
        con.print(
            Text(line, style="bold" if line.startswith(texts("bench_winner", model="")) else "")
        )
    for line in note_lines(value, texts):
        con.print(Text(line, style="dim"))


def as_json(value: Result, stream: IO[str], lang: str) -> None:
    data: dict[str, Any] = value.to_dict()
    data["lang"] = lang
    if isinstance(value, BenchResult):
        data["verdict"] = verdict_lines(value, ui(lang))
    stream.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


FORMATS: dict[str, Callable[[Result, IO[str], str], None]] = {
    "rich": rich,
    "plain": plain,
    "json": as_json,
}

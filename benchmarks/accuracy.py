"""Is the advice right? Race the models on a matrix of profiles and compare with `recommend`.

Run on demand:  python benchmarks/accuracy.py [--quick] [--markdown] [--only ID ...] [--tree FILE]

For each profile in accuracy_profiles.yaml: the model the default tree recommends, the
measured best (and the models within noise of it), and the recommended model's median time
as a ratio of the best. Goal (issue 11): within 1.25x of the best, or within noise of it, in
at least 90% of the profiles. Exits 1 when the goal is missed. Every ratio is measured
against the best model of the same profile in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GOAL_RATIO = 1.25
GOAL_SHARE = 0.9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the bench's --quick sizes")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", nargs="*", default=None, help="profile ids to run")
    parser.add_argument("--tree", default=None, help="a decision tree other than the shipped one")
    args = parser.parse_args()

    import advisor
    from advisor import yamlio
    from advisor.answers import from_mapping
    from advisor.benchmark.pipeline import run_bench
    from advisor.models import Source
    from advisor.render.bench import machine_line
    from advisor.texts import ui

    tree = advisor.load_tree(args.tree)
    profiles = yamlio.load_data(os.path.join(HERE, "accuracy_profiles.yaml"))
    rows = []
    machine = None
    started = time.perf_counter()
    for item in profiles:
        if args.only and item["id"] not in args.only:
            continue
        known = {k: v for k, v in item["answers"].items() if k in tree.questions}
        given = from_mapping(tree, known, Source.FLAG)
        print(f"… {item['label']}", file=sys.stderr, flush=True)
        result = run_bench(tree, given, quick=args.quick)
        machine = result.machine
        best = result.run_of(result.best) if result.best else None
        rec = result.run_of(result.recommended) if result.recommended else None
        if rec is None or rec.ratio is None or best is None:
            ratio, ok = None, False
        else:
            ratio = rec.ratio
            ok = rec.tie or (ratio <= GOAL_RATIO and not rec.stopped)
        others = ", ".join(
            f"{r.variant} {'≥ ' if r.stopped else ''}{r.ratio:.2f}"
            for r in result.runs
            if r.ratio is not None and r.variant != result.best
        )
        rows.append(
            {
                "profile": item["label"],
                "recommended": result.recommended or f"(none: {result.recommend_note})",
                "best": result.best or "(none)",
                "ties": ", ".join(t for t in result.ties if t != result.best) or "—",
                "ratio": "—"
                if ratio is None
                else f"{'≥ ' if rec and rec.stopped else ''}{ratio:.2f}",
                "ok": "yes" if ok else "NO",
                "others": others,
                "best_s": f"{best.median_s:.3f}" if best and best.median_s else "—",
            }
        )
    elapsed = time.perf_counter() - started
    passed = sum(1 for r in rows if r["ok"] == "yes")
    share = passed / len(rows) if rows else 0.0
    columns = ["profile", "recommended", "best", "ties", "ratio", "ok", "best_s", "others"]
    titles = {
        "profile": "profile",
        "recommended": "tree recommends",
        "best": "measured best",
        "ties": "within noise",
        "ratio": "recommended / best",
        "ok": "≤ 1.25× or tie",
        "best_s": "best (s)",
        "others": "all models, × best",
    }
    if args.markdown:
        print("| " + " | ".join(titles[c] for c in columns) + " |")
        print("|" + "---|" * len(columns))
        for row in rows:
            print("| " + " | ".join(row[c] for c in columns) + " |")
    else:
        widths = {c: max(len(titles[c]), *(len(r[c]) for r in rows)) for c in columns}
        print("  ".join(titles[c].ljust(widths[c]) for c in columns))
        for row in rows:
            print("  ".join(row[c].ljust(widths[c]) for c in columns))
    print()
    print(
        f"{passed} of {len(rows)} profiles ({share:.0%}) within {GOAL_RATIO}x of the best or tied; "
        f"goal {GOAL_SHARE:.0%}. {elapsed:.0f} s in all."
    )
    if machine is not None:
        print(machine_line(machine, ui("en")))
    return 0 if share >= GOAL_SHARE else 1


if __name__ == "__main__":
    sys.exit(main())

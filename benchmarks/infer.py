"""`advisor.infer` (the reading behind `scan --recommend`) against the `ast` floor, in one run.

    python benchmarks/infer.py [--repeat N] [--path DIR]

Times, in the same process on the same files: reading and parsing every file with
`ast.parse` + `ast.walk` (the floor any ast-based reader pays), and `advisor.infer` over the
same folder (discovery, parsing, evidence, weighing). Prints both and the ratio; the best of N
runs counts (the machine is shared). Default folder: the running interpreter's standard
library, without its test suite.
"""

from __future__ import annotations

import argparse
import ast
import os
import sysconfig
import time

import advisor

SKIP = {"site-packages", "__pycache__", "test", "tests", "idlelib", "lib2to3"}


def files(root: str) -> list[str]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP)
        found += [os.path.join(folder, n) for n in sorted(names) if n.endswith(".py")]
    return found


def floor(paths: list[str]) -> None:
    for path in paths:
        try:
            with open(path, "rb") as handle:
                tree = ast.parse(handle.read())
        except (SyntaxError, ValueError):
            continue
        for _ in ast.walk(tree):
            pass


def best(function: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--path", default=sysconfig.get_paths()["stdlib"])
    args = parser.parse_args()
    paths = files(args.path)
    size = sum(os.path.getsize(p) for p in paths)
    base = best(lambda: floor(paths), args.repeat)
    subfolders = [
        os.path.join(args.path, d)
        for d in sorted(os.listdir(args.path))
        if d not in SKIP and os.path.isdir(os.path.join(args.path, d))
    ]
    top = [os.path.join(args.path, n) for n in sorted(os.listdir(args.path)) if n.endswith(".py")]
    targets = top + subfolders
    inferred = best(lambda: advisor.infer(targets, config=False), args.repeat)
    result = advisor.infer(targets, config=False)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB ({args.path}); best of {args.repeat}")
    print(f"  ast.parse + ast.walk   {base:7.2f} s   1.00x")
    print(f"  advisor.infer          {inferred:7.2f} s   {inferred / base:.2f}x")
    print(f"  ({result.files} files read, {len(result.skipped)} skipped)")


if __name__ == "__main__":
    main()

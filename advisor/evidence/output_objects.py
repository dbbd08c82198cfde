"""Objects that are the program's output, not state its tasks share (issue 19, cause 3).

A class with the methods of a writable file (``write`` and ``flush``, `data/concurrency.yaml`
``output_methods``) is an output stream: streamlink's ``ConsoleOutputStream`` keeps a line
buffer and the last status line under an ``RLock`` so that lines written from several threads
come out whole. Every thread writes through it by design, as through a logging handler; its
lock and buffer guard the output, not state the tasks work on together, so its writes and
locks are not ``--shared-memory`` evidence. The class joins the program's infrastructure
(``Gatherer.infrastructure``, read by `advisor.evidence.shared_writes`), and so does a
subclass of it in the same file (streamlink's status-line variant overrides ``write`` and
``close`` only). A class with ``write`` alone (a database writer, a tag writer) is not one.
"""

from __future__ import annotations

import ast

from advisor.evidence.walk import Reader, register


@register(ast.ClassDef)
def output_class(r: Reader, node: ast.ClassDef) -> None:
    """Mark a module- or class-level file-like class (or a same-file subclass of one)."""
    if r.functions:
        return
    methods = {s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    inherited = any(
        isinstance(base, ast.Name) and (r.source.path, base.id) in r.g.infrastructure
        for base in node.bases
    )
    if inherited or (r.t.output_methods and r.t.output_methods <= methods):
        r.g.infrastructure.add((r.source.path, ".".join((*r.classes, node.name))))

"""Gather evidence for the tree's questions from source code, with ``ast`` only.

The code is parsed, never imported or run. Each observation becomes an `Evidence`
(question, suggested value, confidence, file:line, reason in both languages);
`advisor.evidence.weigh` weighs them into answers. What counts as an I/O library, a
framework, native code or a concurrency bound lives in ``evidence/data/*.yaml``.

The evidence is read by question family, one module each, all in one walk
(`advisor.evidence.walk`):

- `libraries`: ``async_libs``, ``native_code`` (and what a library call says of ``cpu_bound``)
- `programs`: ``program``, ``async_app``, ``multi_machine``
- `shared_state`: ``shared_memory``, ``concurrency`` (and concurrency already used, as context)
- `cpu`: ``cpu_bound``, ``cpu_heavy_steps`` (hot loops, process pools)
- `records`: ``cpu_bound`` from pure-Python work over every item of the input (trees
  walked, records parsed)
- `reach`: no question: units, calls and imports for the main path (`advisor.evidence.mainpath`)
- `pool_maps`: ``cpu_bound`` from a process pool mapping a function whose steps compute
- `below_loop`: which plain functions a coroutine calls directly (read by `libraries`)
- `handed`: ``async_libs`` of sockets a file hands to another module's readiness loop
- `output_objects`: no question: file-like classes (output streams), the program's
  infrastructure for ``shared_memory``
- `django_asgi`: ``async_app`` of Django projects served over ASGI with ``async def`` views
- `before_start`: no question: the coroutines of each file, never start-up code
- `byte_loops`: ``cpu_heavy_steps`` from a Python loop rewriting every byte of a buffer
- `polling`: ``program`` from an endless loop that sleeps between rounds (decided in `conclude`)
- `app_factory`: no question: an app a factory called at module level builds is an entry point
- `compiled`: no question: modules written for Cython, whose loops are compiled (`conclude`)

The import order below is the order a node's handlers run in, and so the order evidence for
one question is recorded in. It matters: recording is capped per signal and ties are broken by
what came first, so a new family goes at the end, not in the middle.
"""

from __future__ import annotations

import ast

from advisor.evidence import (
    app_factory,
    before_start,
    below_loop,
    byte_loops,
    called_edges,
    class_writes,
    compiled,
    cpu,
    dispatch,
    django_asgi,
    forever,
    gui_work,
    handed,
    helper_loops,
    libraries,
    lock_roles,
    made_objects,
    option_actions,
    option_limits,
    output_objects,
    own_extensions,
    polling,
    pool_maps,
    pool_tasks,
    programs,
    rare_tasks,
    reach,
    reactor_plugins,
    records,
    shared_state,
    started_children,
    thread_loops,
)
from advisor.evidence.gather import Gatherer
from advisor.evidence.scopes import Module, bind_module
from advisor.evidence.walk import Reader
from advisor.inference import SourceFile

#: The families, in the order their handlers run.
FAMILIES = (
    libraries,
    programs,
    shared_state,
    cpu,
    reach,
    records,
    pool_maps,
    below_loop,
    handed,
    output_objects,
    lock_roles,
    django_asgi,
    before_start,
    gui_work,
    dispatch,
    class_writes,
    called_edges,
    reactor_plugins,
    helper_loops,
    thread_loops,
    byte_loops,
    polling,
    made_objects,
    app_factory,
    compiled,
    rare_tasks,
    own_extensions,
    option_actions,
    option_limits,
    forever,
    pool_tasks,
    started_children,
)


def read(gatherer: Gatherer, source: SourceFile, tree: ast.Module) -> None:
    """Read one parsed file or notebook cell into *gatherer*; cells of a notebook share one
    module, as they share the kernel's namespace."""
    module = gatherer.modules.get(source.path)
    first = module is None
    if module is None:
        module = gatherer.modules[source.path] = Module()
        gatherer.files += 1
    bind_module(module, tree)
    Reader(gatherer, source, module, first).visit(tree)


def parse(source: SourceFile) -> ast.Module:
    """Parse without compiling: top-level ``await`` in a notebook cell is accepted. Syntax
    newer than the running Python is read as the linter reads it (`advisor.lint.newer`)."""
    from advisor.lint.analyse import parse as parse_any

    return parse_any(source.text, source.path)

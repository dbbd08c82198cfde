"""What the walk records for decisions only the whole project can make: where evidence was seen,
shared-state writes, computing loops, work over the input, pool maps and bounds passed in.

Plain value types, apart from `advisor.evidence.gather.Gatherer` that holds them, so the visitors
that make them and the project-wide steps that read them import no behaviour.
"""

from __future__ import annotations

from typing import NamedTuple

#: The signal of pure-Python work over every item of the input
#: (`advisor.evidence.computation.input_work`).
INPUT_WORK = "input-work"


class Location(NamedTuple):
    """Where evidence was seen: a file's line, or a notebook cell's line (*cell* from 1)."""

    file: str
    line: int
    cell: int | None


class Write(NamedTuple):
    """A write to shared state (module level or ``self.``) inside *function*; only counted
    when the function turns out to run concurrently, which the whole project decides."""

    function: str
    target: str
    locked: bool
    where: Location
    #: What is written: "" (worked out from *target*: module level, ``self.``, handed), or
    #: "class" (a class-level container every instance shares: ``AuthTable._auth``), or
    #: "class_value" (a class attribute set through the class's name in its methods:
    #: heralding's ``HandlerBase.global_sessions += 1``), or
    #: "imported" (a name imported from a project module, shared if that module binds a
    #: container to it: webssh's ``clients``).
    kind: str = ""


class LoopWork(NamedTuple):
    """A math, random or native call in a loop of a function (`advisor.evidence.cpu`):
    computation, if the function runs concurrently and never waits on I/O."""

    where: Location
    call: str
    native: bool


class InputWork(NamedTuple):
    """Python work over the input (`advisor.evidence.records`): a tree parsed (``tree``) or a
    loop computing on each record of a record source (``records``), or running a regular
    expression on each line of a text (``lines``), or a source file tokenized (``tokens``),
    in *function*; *looped*:
    the call itself sits in a loop."""

    where: Location
    function: str
    kind: str
    call: str
    looped: bool


class PoolMap(NamedTuple):
    """``receiver.method(function, inputs)``: *receiver* as written (``self.pool``, or
    ``<pool>`` for a pool built in place), *function* what is mapped (``worker``,
    ``self.resize``); decided by `advisor.evidence.pool_maps.decide`."""

    where: Location
    receiver: str
    method: str
    function: str


class PendingBound(NamedTuple):
    """A pool's bound that comes from a parameter (``ThreadPoolExecutor(workers)``) or an
    attribute set from one (``self.workers``): its value is what the main path passes in."""

    where: Location
    name: str
    arg: str
    io: bool
    #: ("param", file, unit, name), ("self", file, class, attribute) or ("setting", name)
    source: tuple[str, ...]
    #: The value where it is used, when it says one (a default, a click option's default).
    fallback: int | None = None

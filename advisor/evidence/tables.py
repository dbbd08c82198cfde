"""The inference tables (``evidence/data/*.yaml``), loaded once and indexed by name prefix.

Code never lists libraries or frameworks itself: adding one is a line of YAML.
Lookups go by the longest dotted prefix of a fully qualified name, so
``httpx.AsyncClient`` and ``httpx`` can be different entries.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from advisor import datafiles
from advisor.models import LANGS, Text

#: The signal of a blocking call made in an ``async def``: a second, strong vote for "no"
#: on ``async_libs`` (`advisor.evidence.libraries`), never a library's name.
BLOCKS_LOOP = "blocks-loop"

#: A space between two CJK characters: the templates put one around a filled-in name (which
#: may be Latin, `numpy.dot`), but zh-TW text has none between Chinese words (STYLE.md).
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff\uff00-\uffef]) (?=[\u3400-\u9fff])")

DATA_DIR = datafiles.path(__file__, "data")

#: Marks an ignored prefix in an index: configuration under a library, not a use of it.
_IGNORED: dict[str, Any] = {}


class PrefixIndex:
    """Entries reachable by any of their ``match`` prefixes; ``ignore`` prefixes hide them."""

    def __init__(self, entries: Iterable[Mapping[str, Any]]) -> None:
        self._by_prefix: dict[str, Mapping[str, Any]] = {}
        entries = list(entries)
        for entry in entries:
            for prefix in entry.get("ignore", ()):
                self._by_prefix.setdefault(prefix, _IGNORED)
        for entry in entries:
            for prefix in entry["match"]:
                self._by_prefix[prefix] = entry

    def lookup(self, name: str, *, exact: bool = False) -> Mapping[str, Any] | None:
        """The entry whose prefix is the longest one of *name*; *exact*: *name* itself only."""
        if exact:
            return self._by_prefix.get(name) or None
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            entry = self._by_prefix.get(".".join(parts[:end]))
            if entry is not None:
                return entry or None
        return None


#: How a reason lists names in each language: Chinese prose separates them with 、, never
#: with an ASCII comma (issue 19, pixelsort's reasons in zh-TW).
_LIST_SEPARATORS = {"en": ", ", "zh-TW": "、"}


def listing(items: Iterable[str]) -> Text:
    """*items* as one list in every language (``a, b`` and ``a、b``), for a reason's {param}."""
    names = list(items)
    return Text({lang: _LIST_SEPARATORS.get(lang, ", ").join(names) for lang in LANGS})


def under(name: str, prefixes: Iterable[str]) -> bool:
    """Whether *name* is one of *prefixes* or a name inside one of them."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


class Tables(NamedTuple):
    libraries: PrefixIndex
    frameworks: PrefixIndex
    #: Frameworks whose apps serve clients, and those that block per request, by name
    #: (`advisor.evidence.aside.served`), with their async counterparts.
    serves: frozenset[str]
    #: Task queues whose workers are the program (Celery): not `serves` (their work is the
    #: tasks'), but a template has a form for them (`scan --recommend`'s frameworks).
    task_queues: frozenset[str]
    #: GUI toolkits by name (tkinter, PyQt, PySide...): a template may have a form for one.
    guis: frozenset[str]
    #: Every framework that says what kind of program the code is, by name: its kind.
    program_of: Mapping[str, str]
    #: A framework's older generation -> the newer one it is told from
    #: (`advisor.evidence.generations`).
    generations: Mapping[str, Mapping[str, Any]]
    blocking_servers: Mapping[str, tuple[str, ...]]
    event_loops: frozenset[str]
    loop_run_methods: frozenset[str]
    #: An async framework's methods that start its loop (`advisor.evidence.before_start`).
    loop_start_methods: frozenset[str]
    #: Classes of an event loop whose ``start()`` runs it (Tornado's IOLoop).
    loop_classes: frozenset[str]
    #: Calls that serve connections until stopped (`data/frameworks.yaml` ``server_calls``).
    server_calls: frozenset[str]
    server_methods: frozenset[str]
    #: Methods that start a server object of a class named so (``server_objects``).
    server_object_methods: frozenset[str]
    server_object_classes: tuple[str, ...]
    server_object_counterparts: tuple[str, ...]
    native: PrefixIndex
    #: Build-script calls that declare a compiled extension (`own_extensions`).
    extension_builders: frozenset[str]
    cluster: PrefixIndex
    existing: PrefixIndex
    offload_methods: frozenset[str]
    #: Methods of a pool that run a function over every input (`data/concurrency.yaml`).
    pool_maps: frozenset[str]
    #: The program's own infrastructure (`data/concurrency.yaml`): bases, and calls that
    #: build a coordination object.
    infrastructure_bases: tuple[str, ...]
    coordination: frozenset[str]
    #: Methods that make a class a writable file, an output stream (`output_objects`).
    output_methods: frozenset[str]
    #: Command-line frameworks and the decorators that register their subcommands.
    command_line_frameworks: frozenset[str]
    command_line_decorators: frozenset[str]
    #: Calls that return an object with a module's API (``multiprocessing.get_context()``).
    contexts: Mapping[str, str]
    bounds: PrefixIndex
    spawners: frozenset[str]
    serial_map_modules: frozenset[str]
    one_thread_spawners: frozenset[str]
    task_spawners: frozenset[str]
    handler_decorators: frozenset[str]
    handed_parameters: frozenset[str]
    handler_bases: frozenset[str]
    event_clients: frozenset[str]
    containers: frozenset[str]
    mutators: frozenset[str]
    loop_task_makers: frozenset[str]
    locks: frozenset[str]
    reasons: Mapping[str, Mapping[str, str]]
    kinds: Mapping[str, Mapping[str, str]]
    test_dirs: frozenset[str]
    test_files: tuple[str, ...]
    vendored_dirs: frozenset[str]
    #: Standard-library module names, with those newer Pythons removed (`files.yaml`).
    stdlib: frozenset[str]
    remote_decorators: frozenset[str]
    math_modules: frozenset[str]
    configuration_suffixes: tuple[str, ...]
    container_methods: frozenset[str]
    #: Operands named like text: a product with one repeats a string (`advisor.evidence.loops`).
    text_suffixes: tuple[str, ...]
    #: Operands named like paths: a quotient with one joins paths (`advisor.evidence.path_join`).
    path_suffixes: tuple[str, ...]
    path_types: frozenset[str]
    pause_calls: frozenset[str]
    pause_methods: frozenset[str]
    #: Pure-Python work over every item of the input (`advisor.evidence.records`).
    tree_parsers: frozenset[str]
    visitor_bases: frozenset[str]
    visit_methods: int
    visitor_suffixes: tuple[str, ...]
    per_item_depth: int
    record_sources: frozenset[str]
    source_tokenizers: frozenset[str]
    record_work_modules: frozenset[str]
    library_work: frozenset[str]
    repeated_work_modules: frozenset[str]
    numeric_libraries: frozenset[str]
    quiet_libraries: frozenset[str]
    #: Modules of a library that wait on no I/O, where the library as a whole may
    #: (`data/work.yaml` ``quiet_modules``): a dotted name and what is under it, or one
    #: module alone.
    quiet_modules: frozenset[str]
    #: Readiness loops over raw sockets (`data/libraries.yaml` ``readiness``).
    multiplexers: frozenset[str]
    nonblocking_methods: frozenset[str]
    per_connection: frozenset[str]
    #: Starting a child beside a readiness loop, which waits on nothing (`evidence.handed`).
    readiness_children: frozenset[str]

    def configuration(self, name: str) -> bool:
        """``aiohttp.ClientTimeout``, ``logging.basicConfig``: configuration, not I/O (issue 19)."""
        return name.rsplit(".", 1)[-1].lower().endswith(self.configuration_suffixes)

    def container_call(self, name: str) -> bool:
        """``redis.Redis.connection_pool.connection_kwargs.copy``: a plain container's method
        reached through an attribute of a library's class (``container_methods`` in
        ``data/work.yaml``), not the library's I/O (newcomer review 25 #14)."""
        parts = name.split(".")
        cls = next((i for i, p in enumerate(parts) if p[:1].isupper()), None)
        return cls is not None and len(parts) - cls > 2 and parts[-1] in self.container_methods

    def server_call(self, qualname: str | None, method: str | None) -> str | None:
        """``asyncio.start_server(...)``, ``loop.run_forever()``: the call that serves until the
        program is stopped, as the reason names it; None for any other call."""
        if qualname in self.server_calls:
            return qualname
        if qualname and method in self.server_object_methods:
            # ``server.start_thread()`` on a ``dnslib.server.DNSServer``, ``serve_forever()``
            # on a project's ``ThreadingTCPServer`` subclass: a server object, known by its
            # class's name, started to serve until stopped.
            owner = qualname.rsplit(".", 2)[-2] if qualname.count(".") >= 1 else ""
            if owner.endswith(self.server_object_classes):
                return qualname
        # By the method's name only on an object the code does not type (an event loop):
        # ``socket.create_server`` makes a listening socket, it does not serve.
        return method if qualname is None and method in self.server_methods else None

    def is_test(self, path: str) -> bool:
        """Whether *path* (relative to the folder scanned) is a test rather than the program."""
        import fnmatch

        *folders, name = path.replace("\\", "/").split("/")
        return bool(self.test_dirs.intersection(folders)) or any(
            fnmatch.fnmatchcase(name, pattern) for pattern in self.test_files
        )

    def pauses(self, qualname: str | None, method: str | None) -> bool:
        """``time.sleep(2)``, ``stop_event.wait(2)``: a pause, which paces a loop (`work.yaml`)."""
        return qualname in self.pause_calls or method in self.pause_methods

    def is_vendored(self, path: str) -> bool:
        """Whether *path* lies in a folder of code copied from another project (`files.yaml`)."""
        folders = path.replace("\\", "/").split("/")[:-1]
        return any(f in self.vendored_dirs or "vendor" in f.lower() for f in folders)

    def reason(self, key: str, **params: str | Text) -> Text:
        """The reason *key* in every language, its {params} filled in (Text params per language)."""
        template = self.reasons[key]
        return Text(
            {
                lang: _CJK_GAP.sub(
                    "",
                    template[lang].format(
                        **{k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}
                    ),
                )
                for lang in LANGS
            }
        )

    def kind(self, key: str) -> Text:
        return Text(dict(self.kinds[key]))


def _load(name: str) -> Any:
    from advisor import yamlio

    return yamlio.load_data(os.path.join(DATA_DIR, name))


@lru_cache(maxsize=1)
def tables() -> Tables:
    libraries = _load("libraries.yaml")
    frameworks = _load("frameworks.yaml")
    concurrency = _load("concurrency.yaml")
    reasons = _load("reasons.yaml")
    files = _load("files.yaml")
    work = _load("work.yaml")
    return Tables(
        libraries=PrefixIndex(libraries["libraries"]),
        frameworks=PrefixIndex(frameworks["frameworks"]),
        generations=dict(frameworks["generations"]),
        serves=frozenset(frameworks["serves"]),
        task_queues=frozenset(frameworks["task_queues"]),
        guis=frozenset(f["name"] for f in frameworks["frameworks"] if f.get("program") == "gui"),
        program_of={f["name"]: f["program"] for f in frameworks["frameworks"] if f.get("program")},
        blocking_servers={k: tuple(v) for k, v in frameworks["blocking_servers"].items()},
        event_loops=frozenset(frameworks["event_loops"]),
        loop_run_methods=frozenset(frameworks["loop_run_methods"]),
        loop_start_methods=frozenset(frameworks["loop_start_methods"]),
        loop_classes=frozenset(frameworks["loop_classes"]),
        server_calls=frozenset(frameworks["server_calls"]["calls"]),
        server_methods=frozenset(frameworks["server_calls"]["methods"]),
        server_object_methods=frozenset(frameworks["server_objects"]["methods"]),
        server_object_classes=tuple(frameworks["server_objects"]["classes"]),
        server_object_counterparts=tuple(frameworks["server_objects"]["counterparts"]),
        native=PrefixIndex(_load("native.yaml")["native"]),
        extension_builders=frozenset(_load("native.yaml")["extension_builders"]),
        cluster=PrefixIndex(_load("cluster.yaml")["cluster"]),
        existing=PrefixIndex(concurrency["existing"]),
        offload_methods=frozenset(concurrency["offload_methods"]),
        pool_maps=frozenset(concurrency["pool_maps"]),
        infrastructure_bases=tuple(concurrency["infrastructure_bases"]),
        coordination=frozenset(concurrency["coordination"]),
        output_methods=frozenset(concurrency["output_methods"]),
        command_line_frameworks=frozenset(concurrency["command_line_frameworks"]),
        command_line_decorators=frozenset(concurrency["command_line_decorators"]),
        contexts=dict(concurrency["contexts"]),
        bounds=PrefixIndex(concurrency["bounds"]),
        spawners=frozenset(concurrency["spawners"]),
        serial_map_modules=frozenset(concurrency["serial_map_modules"]),
        one_thread_spawners=frozenset(concurrency["one_thread_spawners"]),
        task_spawners=frozenset(concurrency["task_spawners"]),
        handler_decorators=frozenset(concurrency["handler_decorators"]),
        handed_parameters=frozenset(concurrency["handed_parameters"]),
        handler_bases=frozenset(concurrency["handler_bases"]),
        event_clients=frozenset(concurrency["event_clients"]),
        containers=frozenset(concurrency["containers"]),
        mutators=frozenset(concurrency["mutators"]),
        loop_task_makers=frozenset(concurrency["loop_task_makers"]),
        locks=frozenset(concurrency["locks"]),
        reasons=reasons["reasons"],
        kinds=reasons["kinds"],
        test_dirs=frozenset(files["test_dirs"]),
        test_files=tuple(files["test_files"]),
        vendored_dirs=frozenset(files["vendored_dirs"]),
        stdlib=frozenset(sys.stdlib_module_names) | frozenset(files["removed_stdlib"]),
        remote_decorators=frozenset(work["remote_decorators"]),
        math_modules=frozenset(work["math_modules"]),
        configuration_suffixes=tuple(work["configuration_suffixes"]),
        container_methods=frozenset(work["container_methods"]),
        text_suffixes=tuple(work["text_suffixes"]),
        path_suffixes=tuple(work["path_suffixes"]),
        path_types=frozenset(work["path_types"]),
        pause_calls=frozenset(work["pauses"]["calls"]),
        pause_methods=frozenset(work["pauses"]["methods"]),
        tree_parsers=frozenset(work["input_work"]["tree_parsers"]),
        visitor_bases=frozenset(work["input_work"]["visitor_bases"]),
        visit_methods=int(work["input_work"]["visit_methods"]),
        visitor_suffixes=tuple(work["input_work"]["visitor_suffixes"]),
        per_item_depth=int(work["input_work"]["per_item_depth"]),
        record_sources=frozenset(work["input_work"]["record_sources"]),
        source_tokenizers=frozenset(work["input_work"]["source_tokenizers"]),
        record_work_modules=frozenset(work["input_work"]["record_work_modules"]),
        library_work=frozenset(work["input_work"]["library_work"]),
        repeated_work_modules=frozenset(work["input_work"]["repeated_work_modules"]),
        numeric_libraries=frozenset(work["numeric_libraries"]),
        quiet_libraries=frozenset(work["quiet_libraries"]),
        quiet_modules=frozenset(work["quiet_modules"]),
        multiplexers=frozenset(libraries["readiness"]["multiplexers"]),
        nonblocking_methods=frozenset(libraries["readiness"]["nonblocking"]),
        per_connection=frozenset(libraries["readiness"]["per_connection"]),
        readiness_children=frozenset(libraries["readiness"]["children"]),
    )

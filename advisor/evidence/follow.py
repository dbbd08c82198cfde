"""Along the graph of units (`advisor.evidence.units`): targets resolved to units through the
project's module index and each file's imports (`Resolver`), and the walk that reaches units
from a set of starts along calls, imports and references (`_Walk`), the one every question
about reachability asks (the main path, its commands, plugins and alternatives, bridges).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from advisor.evidence.units import MAIN_GUARD, MODULE, Graph, Target, Unit, module_names, names


class Resolver:
    """Targets -> units, through the project's module index and each file's imports."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.modules: dict[str, list[str]] = {}
        for path in sorted(graph.files):
            for name in module_names(path):
                self.modules.setdefault(name, []).append(path)
        self._packages = {p.rsplit("/", 1)[0] for p in graph.files if p.endswith("/__init__.py")}

    def module(self, dotted: str, near: str = "") -> str | None:
        """The file of module *dotted*, the one nearest *near* when several match."""
        found = self.modules.get(dotted)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        here = near.split("/")[:-1]

        def closeness(path: str) -> tuple[int, int]:
            there = path.split("/")[:-1]
            common = 0
            for a, b in zip(here, there, strict=False):
                if a != b:
                    break
                common += 1
            return (-common, len(path))

        return min(found, key=closeness)

    def parents(self, path: str) -> list[str]:
        """The ``__init__.py`` of each package around *path*: importing it runs them."""
        out: list[str] = []
        folders = path.split("/")[:-1]
        while folders:
            init = "/".join(folders) + "/__init__.py"
            if init != path and "/".join(folders) in self._packages:
                out.append(init)
            folders.pop()
        return out

    def dotted(self, dotted: str, near: str, depth: int = 0) -> list[tuple[str, str, str]]:
        """A dotted name -> [(kind, file, name)]: ("module", file, ""), ("symbol", file, name
        with its attribute path)."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            path = self.module(".".join(parts[:end]), near)
            if path is None:
                continue
            out = [("module", path, "")]
            rest = parts[end:]
            if rest:
                out += self.symbol(path, ".".join(rest), depth)
            return out
        return []

    def symbol(self, path: str, name: str, depth: int = 0) -> list[tuple[str, str, str]]:
        """*name* (``f``, ``C``, ``C.m``, ``f.remote``) as *path* defines or re-exports it."""
        head = name.split(".", 1)[0]
        if head in self.g.functions.get(path, ()) or (path, head) in self.g.classes:
            made = self.g.returns.get((path, head)) if head != name and depth < 8 else None
            if made is not None:  # ``xom_from_config(c).main``: the object it returns
                found = self._instance(path, made, name[len(head) :], depth)
                return found or [("symbol", path, name)]
            return [("symbol", path, name)]
        made = self.g.instances.get((path, head))
        if made is not None and made[0] == "sym" and depth < 8:
            return self._instance(path, made, name[len(head) :], depth)
        alias = self.g.aliases.get(path, {}).get(head)
        if alias is not None and depth < 8:
            rest = name[len(head) :]
            return self.dotted(alias + rest, path, depth + 1)
        for star in self.g.stars.get(path, ()) if depth < 8 else ():
            found = [f for f in self.dotted(f"{star}.{name}", path, depth + 1) if f[0] == "symbol"]
            if found:
                return found
        return []

    def _instance(
        self, path: str, made: Target, rest: str, depth: int
    ) -> list[tuple[str, str, str]]:
        """A module-level instance (``parse = Parser()`` in *path*) named with *rest*
        (``.parse``, or nothing: the instance called, its ``__call__``): the class's
        method, or the class (issue 19: pydocstyle's ``parse.parse(...)`` from another module,
        module-level ``app = App()`` then ``app.run()``). Only what a project class is: a
        library's object (``log = logging.getLogger()``) resolves to nothing, as before."""
        ref, inner = str(made[1]), str(made[2])
        if "::" in ref:
            file, name = ref.split("::", 1)
            found = self.symbol(file, ".".join(p for p in (name, inner) if p) + rest, depth + 1)
        else:
            found = self.dotted(".".join(p for p in (ref, inner) if p) + rest, path, depth + 1)
        return [
            f for f in found if f[0] == "symbol" and (f[1], f[2].split(".")[0]) in self.g.classes
        ]


#: Bases of a class that never call its methods back.
_PLAIN_BASES = frozenset(
    {"object", "Exception", "BaseException", "ValueError", "RuntimeError", "KeyError", "dict",
     "list", "str", "int", "tuple", "set", "abc.ABC", "typing.NamedTuple", "typing.Generic",
     "typing.Protocol", "enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag"}
)  # fmt: skip


class _Walk:
    """A worklist over units; classes are reached with their methods as the path learns them."""

    def __init__(
        self,
        graph: Graph,
        resolver: Resolver,
        *,
        modes: bool = True,
        plugins: bool = True,
        opt_in: bool = True,
        groups: bool = True,
    ) -> None:
        self.g = graph
        self.r = resolver
        #: Whether to enter the program's other commands (`Graph.modes`).
        self.modes = modes
        #: Whether to enter branches run only when an option is on (`Graph.opt_in`).
        self.opt_in = opt_in
        #: Whether to enter the commands a group gathers from other modules
        #: (`Graph.command_groups`).
        self.groups = groups
        #: Whether to load the modules of a package loaded by a computed name (its plugins).
        self.load_plugins = plugins
        #: The modules of packages loaded by a computed name (`optional_units`).
        self.plugin_modules: set[str] = set()
        self.units: set[Unit] = set()
        self.classes: set[Unit] = set()
        #: Classes all of whose methods run (an outside base calls them back).
        self.callback_classes: set[Unit] = set()
        #: Classes named in text, which a framework loads and calls back (`named_class`).
        self.named_classes: set[Unit] = set()
        self.unknown_methods: set[str] = set()
        #: Breadth first, so that `depth` is the fewest steps from a start.
        self.todo: deque[Unit] = deque()
        #: Steps from the nearest start (calls, imports, references) to each unit reached.
        self.depth: dict[Unit, int] = {}
        self._step = 0
        #: Units whose own code is not followed (`bridged`).
        self.stop: frozenset[Unit] = frozenset()
        #: (unit, target) edges not followed: a table's alternatives (`alternatives`).
        self.skip_edges: set[tuple[Unit, Target]] = set()
        self._on_apps: dict[str, list[Unit]] | None = None
        self.registered: dict[str, list[str]] = {}
        for file, unit in graph.registered:
            self.registered.setdefault(file, []).append(unit)

    def fork(self, *, plugins: bool = False) -> _Walk:
        """A walk that already holds what this one reached (it must have run)."""
        other = _Walk(self.g, self.r, modes=self.modes, plugins=plugins, groups=self.groups)
        other.units = set(self.units)
        other.classes = set(self.classes)
        other.callback_classes = set(self.callback_classes)
        other.unknown_methods = set(self.unknown_methods)
        other.depth = dict(self.depth)
        return other

    def run(self) -> None:
        while self.todo:
            unit = self.todo.popleft()
            if unit in self.stop:
                continue
            self._step = self.depth.get(unit, 0) + 1
            skipped = set() if self.modes else self.g.mode_only.get(unit, set())
            if not self.opt_in:
                skipped = skipped | self.g.opt_in_only.get(unit, set())
            if not self.groups:
                skipped = skipped | self.g.command_groups.get(unit, set())
            for target in self.g.edges.get(unit, ()):
                if target not in skipped and (unit, target) not in self.skip_edges:
                    self.follow(unit[0], target)

    def reach_unit(self, unit: Unit) -> None:
        if unit in self.units:
            return
        self.units.add(unit)
        self.depth[unit] = self._step
        self.todo.append(unit)
        file, name = unit
        if name in (MODULE, MAIN_GUARD):
            if name == MODULE and file in self.g.script_files:
                self.reach_unit((file, MAIN_GUARD))  # a command file runs as __main__
            if name == MODULE:
                for parent in self.r.parents(file):
                    self.reach_unit((parent, MODULE))
                for registrant in self._registrants().get(file, ()):
                    self.reach_unit(registrant)
                commands = self.g.commands.get(file, set())
                for registered in self.registered.get(file, ()):
                    if "." in registered:
                        continue
                    if not self.groups and (file, registered) in self.g.grouped_commands:
                        continue  # one of a group's commands gathered from several modules
                    if (
                        not self.modes
                        and len(commands) > 1
                        and registered in commands
                        and self.g.command_names.get((file, registered))
                        not in self.g.default_commands.get(file, set())
                    ):
                        continue  # one subcommand among several: not the default's
                    self.reach_unit((file, registered))
            return
        self.reach_unit((file, MODULE))
        if "." in name:
            self.reach_class((file, name.split(".", 1)[0]))

    def _registrants(self) -> dict[str, list[Unit]]:
        """Per file that builds a framework's app: the functions other modules register on
        it (`Graph.registered_on`); a ``@shared_task`` registers on every Celery app."""
        if self._on_apps is None:
            self._on_apps = {}
            apps = {a.file for a in self.g.apps}
            shared = {a.file for a in self.g.apps if a.framework in names()["shared_apps"]}
            for owner, unit in self.g.registered_on:
                if owner[0] == "shared":
                    files = shared
                else:
                    found = self.r.dotted(str(owner[1]), unit[0])
                    files = {f for kind, f, _ in found[:1] if kind == "module"} & apps
                for file in files:
                    self._on_apps.setdefault(file, []).append(unit)
        return self._on_apps

    def reach_class(self, cls: Unit) -> None:
        if cls in self.classes or cls not in self.g.classes:
            return
        self.classes.add(cls)
        file, name = cls
        self.reach_unit((file, MODULE))
        info = self.g.classes[cls]
        callback = cls in self.named_classes
        for base in info.bases:
            found = self.resolve(file, base)
            classes = [u for kind, u in found if kind == "class"]
            for base_cls in classes:
                self.reach_class(base_cls)
            if not classes and not (base[0] == "sym" and base[1] in _PLAIN_BASES):
                callback = True
        if callback:
            self.callback_classes.add(cls)
        for nested in [c for c in self.g.classes if c[0] == file and c[1].startswith(name + ".")]:
            self.reach_class(nested)  # a class in a class: used through it
        for method in info.methods:
            if (
                callback
                or method in info.registered
                or (method.startswith("__") and method.endswith("__"))
                or method in self.unknown_methods
            ):
                self.reach_unit((file, f"{name}.{method}"))

    def method(self, cls: Unit, method: str, depth: int = 0) -> None:
        """*method* of *cls*, or of the first project base that defines it."""
        info = self.g.classes.get(cls)
        if info is None or depth > 8:
            return
        self.reach_class(cls)
        if method in info.methods:
            self.reach_unit((cls[0], f"{cls[1]}.{method}"))
            return
        for base in info.bases:
            for kind, unit in self.resolve(cls[0], base):
                if kind == "class":
                    self.method(unit, method, depth + 1)

    def follow(self, file: str, target: Target) -> None:
        kind = target[0]
        if kind == "meth":
            name = target[1]
            if name not in self.unknown_methods:
                self.unknown_methods.add(name)
                for cls in list(self.classes):
                    if name in self.g.classes[cls].methods:
                        self.reach_unit((cls[0], f"{cls[1]}.{name}"))
            return
        if kind == "self":
            _, path, owner, method = target
            self.method((path, owner), method)
            self.unknown_methods.add(method)  # a subclass may define it
            for reached in list(self.classes):
                if method in self.g.classes[reached].methods:
                    self.reach_unit((reached[0], f"{reached[1]}.{method}"))
            return
        if kind == "attr":
            _, path, owner, attribute, method = target
            typed = self.g.attribute_types.get((path, owner, attribute))
            if typed is not None:
                self.follow(path, ("sym", typed[1], f"{typed[2]}.{method}".strip(".")))
            else:
                self.follow(path, ("meth", method))
            return
        for found_kind, unit in self.resolve(file, target):
            if found_kind == "class":
                self.reach_class(unit)
            else:
                self.reach_unit(unit)

    def plugins(self, files: Iterable[str]) -> None:
        """Modules loaded by name (a bot's extensions, an app path): the loader calls their
        functions and classes (``setup(bot)``), which nothing in the project names."""
        for path in files:
            for function in self.g.functions.get(path, ()):
                self.reach_unit((path, function))
            for cls in [c for c in self.g.classes if c[0] == path and "." not in c[1]]:
                self.reach_class(cls)

    def resolve(self, file: str, target: Target) -> list[tuple[str, Unit]]:
        """A target -> [("unit", unit) | ("class", (file, name))]."""
        kind = target[0]
        found: list[tuple[str, str, str]] = []
        if kind == "sym":
            ref, rest = target[1], target[2]
            if "::" in ref:
                path, name = ref.split("::", 1)
                found = self.r.symbol(path, f"{name}.{rest}" if rest else name)
            else:
                found = self.r.dotted(f"{ref}.{rest}" if rest else ref, file)
        elif kind == "mod":
            found = self.r.dotted(target[1], file)
            found = found[:1] + [f for f in found[1:] if f[0] == "module"]
        elif kind == "str":
            text = target[1].replace(":", ".")
            found = self.r.dotted(text, file)
            for _, path, _ in found[:1]:
                # A Django app ("shop", "polls.apps.PollsConfig"): its modules by convention.
                folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
                if f"{folder}__init__.py" in self.g.files:
                    for module in names()["convention_modules"]:
                        if f"{folder}{module}.py" in self.g.files:
                            found.append(("module", f"{folder}{module}.py", ""))
            self.plugins(f for k, f, _ in found if k == "module")
        elif kind == "package":  # f"cogs.{name}": every module of the package
            prefix = target[1] + "."
            modules = {
                self.r.module(name, file)
                for name in self.r.modules
                if name.startswith(prefix) and "." not in name[len(prefix) :]
            }
            loaded = sorted(m for m in modules if m)
            self.plugin_modules.update(loaded)
            if not self.load_plugins:
                return []
            found = [("module", m, "") for m in loaded]
            self.plugins(loaded)
        out: list[tuple[str, Unit]] = []
        for found_kind, path, name in found:
            if found_kind == "module":
                out.append(("unit", (path, MODULE)))
                continue
            parts = name.split(".")
            if (path, parts[0]) in self.g.classes:
                if len(parts) >= 2 and parts[1] in self.g.classes[(path, parts[0])].methods:
                    out.append(("unit", (path, f"{parts[0]}.{parts[1]}")))
                elif len(parts) >= 2:
                    self.method((path, parts[0]), parts[1])
                out.append(("class", (path, parts[0])))
            elif parts[0] in self.g.functions.get(path, ()):
                out.append(("unit", (path, parts[0])))
        if kind == "str":
            for found_kind, unit in out:
                if found_kind == "class":
                    self.named_class(unit)
        return out

    def named_class(self, cls: Unit) -> None:
        """A class named in text (``"pkg.pipeline.SavePipeline"`` in a settings table): the
        framework that loads it by that name makes it and calls its methods, as it calls a
        subclass of its own classes back (issue 19, apps set 23: webcomix's Scrapy pipeline
        and middleware). Every method is reached, now or when the class is."""
        self.named_classes.add(cls)
        info = self.g.classes.get(cls)
        if cls in self.classes and info is not None:
            for method in info.methods:
                self.reach_unit((cls[0], f"{cls[1]}.{method}"))


def _resolver(graph: Graph) -> Resolver:
    cached = getattr(graph, "_resolver", None)
    if cached is None:
        cached = Resolver(graph)
        graph._resolver = cached  # type: ignore[attr-defined]
    return cached


def _last_name(target: Target) -> str:
    if target[0] == "sym":
        text = target[2] or target[1].split("::")[-1]
        return text.rsplit(".", 1)[-1]
    return target[-1]


def _units_of(graph: Graph, resolver: Resolver, file: str, target: Target) -> list[Unit]:
    """The functions or methods a call's target names (a class: its ``__init__``)."""
    if target[0] == "self":
        return [(target[1], f"{target[2]}.{target[3]}")]
    if target[0] == "attr":
        typed = graph.attribute_types.get((target[1], target[2], target[3]))
        if typed is None:
            return []
        target = ("sym", typed[1], ".".join(p for p in (typed[2], target[4]) if p))
    if target[0] != "sym":
        return []
    ref, rest = target[1], target[2]
    if "::" in ref:
        path, name = ref.split("::", 1)
        found = resolver.symbol(path, f"{name}.{rest}" if rest else name)
    else:
        found = resolver.dotted(f"{ref}.{rest}" if rest else ref, file)
    out: list[Unit] = []
    for kind, path, name in found:
        if kind != "symbol":
            continue
        parts = name.split(".")
        if (path, parts[0]) in graph.classes:
            out.append((path, f"{parts[0]}.{parts[1] if len(parts) > 1 else '__init__'}"))
        else:
            out.append((path, parts[0]))
    return out

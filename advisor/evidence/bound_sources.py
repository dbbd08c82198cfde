"""Where a bound on concurrency comes from (issue 19, cause 5): a number written in place, a
parameter or an attribute set from one (what the main path passes in), a setting the project
writes a default for, a command-line option declared elsewhere, or a dict of arguments passed
as ``**server_args``. Shared by the bounds a pool's constructor takes (`shared_state`) and the
threads a loop starts (`thread_loops`).
"""

from __future__ import annotations

import ast

from advisor.evidence.observed import Location, PendingBound
from advisor.evidence.walk import Reader


def bound_from(
    r: Reader, where: Location, short: str, arg_name: str, arg: ast.expr, *, io: bool
) -> None:
    """The bound *arg* sets for ``short(arg_name=...)``: now when written as a number, else
    pending until the main path or every file is known."""
    symbol = passed_in(r, arg)
    if symbol is not None:
        # A parameter or an attribute set from one: its value is what the main path passes
        # in (issue 19, cause 5), weighed once the path is known (`conclude.apply_main_path`).
        fallback = r.names.integer(arg, r.local_values)  # a default, a click option's
        r.g.pending_bounds.append(PendingBound(where, short, arg_name, io, symbol, fallback))
        return
    value = r.names.integer(arg, r.local_values)
    setting = setting_name(arg) or setting_key(arg) or _file_setting(r, arg)
    if value is None and setting is not None:
        # `ThreadPool(bot_config.BOT_ASYNC_POOLSIZE)`: a setting, whose value is the default the
        # project writes for it (`config.BOT_ASYNC_POOLSIZE = 10`), found across the files.
        source = ("setting", setting)
        r.g.pending_bounds.append(PendingBound(where, short, arg_name, io, source))
        return
    option = _option(arg)
    if value is None and option is not None:
        # `ThreadPoolExecutor(max_workers=args.parallel)`: a command-line option declared in
        # another module, its default read once every file is (`option_bounds`).
        source = ("option", option)
        r.g.pending_bounds.append(PendingBound(where, short, arg_name, io, source))
        return
    if value is None or value < 1:
        return  # not written as a number: never guessed
    r.g.bound(where, short, arg_name, io=io, value=value)


def unpacked(r: Reader, node: ast.Call, name: str) -> ast.expr | None:
    """The value of keyword *name* in a dict of arguments passed as ``**server_args``, bound
    in the function to a literal (``server_args = {"numthreads": 50, ...}``; issue 19:
    wsgidav's cheroot server). Entries a later ``update`` adds from the configuration are
    what a user changes; the literal is the default."""
    for keyword in node.keywords:
        if keyword.arg is not None or not isinstance(keyword.value, ast.Name):
            continue
        value = r.local_values.get(keyword.value.id)
        if isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == name:
                    return item
        elif isinstance(value, ast.Call) and getattr(value.func, "id", None) == "dict":
            found = next((k.value for k in value.keywords if k.arg == name), None)
            if found is not None:
                return found
    return None


def setting_name(node: ast.expr) -> str | None:
    """``config.BOT_ASYNC_POOLSIZE``, ``self.settings.MAX_WORKERS``: the name of a setting
    (an upper-case attribute of a configuration object), or None."""
    if isinstance(node, ast.Attribute) and node.attr.isupper() and len(node.attr) > 1:
        return node.attr
    return None


def setting_key(node: ast.expr) -> str | None:
    """``settings["threads"]``, ``self.downloader.settings["threads"]``: the constant string
    key a settings dict is read with (newcomer review 25 #7), whose default is written in a
    dict literal (`shared_state.setting_dict`); None for anything else."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, str)
        and isinstance(node.value, (ast.Name, ast.Attribute))
    ):
        return node.slice.value
    return None


def _option(node: ast.expr) -> str | None:
    """``args.parallel``: an attribute of a plain name (not ``self``/``cls``), which is how a
    parsed command line is read; the option's name, or None."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id not in {"self", "cls"}
    ):
        return node.attr
    return None


def _file_setting(r: Reader, node: ast.expr) -> str | None:
    """``c.max_connections``, directly or through a local bound to it (``n =
    c.max_connections if c.max_connections > 0 else None``): a setting the package's own
    configuration file sets (`Gatherer.file_settings`), in lower case as such files write
    them (streamrip's ``config.toml``; issue 19, cause 5)."""
    for _ in range(3):
        if isinstance(node, ast.Name) and node.id in r.local_values:
            node = r.local_values[node.id]
        elif isinstance(node, ast.IfExp):
            node = node.body
        else:
            break
    if (
        isinstance(node, ast.Attribute)
        and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
        and node.attr in r.g.file_settings
    ):
        return node.attr
    return None


def passed_in(r: Reader, arg: ast.expr) -> tuple[str, ...] | None:
    """``max_workers=workers`` (a parameter of the method or function) or
    ``max_workers=self.workers``: where the value comes from, or None."""
    if not r.functions or len(r.functions) > 1:
        return None
    fn = r.functions[-1]
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)]
    if isinstance(arg, ast.Name) and arg.id in params:
        return ("param", r.source.path, r.unit, arg.id)
    if (
        isinstance(arg, ast.Attribute)
        and isinstance(arg.value, ast.Name)
        and arg.value.id == "self"
        and r.classes
    ):
        return ("self", r.source.path, ".".join(r.classes), arg.attr)
    return None

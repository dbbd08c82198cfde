"""Whether a key derivation's work factor makes it heavy (issue 19, cause 1: heavy means heavy).

A password hash or a key derived from a secret (the table's ``credentials``: bcrypt, argon2,
``hashlib.pbkdf2_hmac``) is slow by design, but a program makes one per log-in, sign-up or
start: devpi-server derives its secret once at start, kinto checks a password on a log-in
cache miss, alerta-server hashes one at sign-up. That is no step of the program's work, so
such a call is heavy only inside a loop or comprehension of its function (a password list
checked against one hash), whatever its work factor; elsewhere it is incidental.

``hashlib.pbkdf2_hmac`` runs its hash as many times as its ``iterations`` say: 100,000 rounds
are tens of milliseconds of CPU on every call, one round is nothing (gallery-dl's Chrome cookie
key on Linux), 1,000 a fraction of a millisecond (isso's default). The call is heavy only when
the code shows a factor of at least the table's ``heavy_from`` (`data/native.yaml`
``work_factors``): a literal, a module constant, a local, or the default of the enclosing
function's parameter. A factor the code does not show (read from configuration, handed in by
the caller) is not evidence of heavy work, so the call is then incidental, like one digest of a
header. Pure: reads the call and the function around it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from typing import Any

from advisor.evidence.tables import under
from advisor.evidence.walk import Reader


def light(r: Reader, node: ast.Call, qualname: str, entry: Mapping[str, Any]) -> bool:
    """Whether *node*, a call the native table calls heavy, is a credential's hash made once
    per call (not in a loop), or a key derivation whose work factor the code does not show
    to reach ``heavy_from``. A call naming one of the table's ``costly_levels`` is heavy
    wherever it runs."""
    looped = bool(r.loop_depth or r.comprehension_depth)
    if _costly(node, entry.get("costly_levels", ())):
        return False  # made to cost seconds on every call (PyNaCl's SENSITIVE limits)
    if not looped and under(qualname, entry.get("credentials", ())):
        return True
    factors: Mapping[str, list[Any]] = entry.get("work_factors") or {}
    spec = next((v for k, v in factors.items() if under(qualname, (k,))), None)
    if spec is None:
        return False
    position, keyword = int(spec[0]), str(spec[1])
    argument = next((k.value for k in node.keywords if k.arg == keyword), None)
    if argument is None and len(node.args) > position:
        argument = node.args[position]
    if argument is None or any(isinstance(a, ast.Starred) for a in node.args):
        return True
    factor = _factor(r, argument)
    return factor is None or factor < int(entry.get("heavy_from", 0))


def _costly(node: ast.Call, levels: Iterable[str]) -> bool:
    """Whether *node* passes one of the library's costly levels by name
    (``opslimit=argon2id.OPSLIMIT_SENSITIVE``): a cost the library documents as seconds of
    work per call, chosen for keys kept offline rather than for a log-in."""
    wanted = set(levels)
    if not wanted:
        return False
    for value in (*node.args, *(k.value for k in node.keywords)):
        name = value.attr if isinstance(value, ast.Attribute) else getattr(value, "id", None)
        if name in wanted:
            return True
    return False


def _factor(r: Reader, node: ast.expr) -> int | None:
    """The whole number *node* holds where the code shows it, else None."""
    if isinstance(node, ast.Name) and r.functions and node.id not in r.local_values:
        default = _parameter_default(r.functions[-1], node.id)
        if default is not None:
            return r.names.integer(default, {})
    return r.names.integer(node, r.local_values)


def _parameter_default(
    function: ast.FunctionDef | ast.AsyncFunctionDef, name: str
) -> ast.expr | None:
    """The default of *function*'s parameter *name*, if it has one."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    named = [a.arg for a in positional][len(positional) - len(args.defaults) :]
    defaults = dict(zip(named, args.defaults, strict=True))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if default is not None:
            defaults[arg.arg] = default
    return defaults.get(name)

"""Check families, one module each; importing this package registers them all."""

from __future__ import annotations

from advisor.lint.checks import (  # noqa: F401 - imported for their @register side effect
    await_clients,
    await_connections,
    await_item,
    await_missing,
    await_plain,
    await_sync,
    blocking,
    called_params,
    commands,
    django_orm,
    finalizer_runs,
    fork_threads,
    gui_callbacks,
    hooks,
    import_runs,
    loop,
    once,
    pickled,
    pools,
    processes,
    reach,
    threaded_streams,
    threads,
    tls_connect,
)
from advisor.lint.checks.base import REGISTRY, Check, FileContext, walk

__all__ = ["REGISTRY", "Check", "FileContext", "walk"]

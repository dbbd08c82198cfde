"""advisor's probe, started by `advisor profile` through PYTHONPATH; then the real sitecustomize.

Python imports the first `sitecustomize` on sys.path at start-up, for scripts, `-m` modules
and `-c` alike (PYTHONSTARTUP only works for the interactive prompt). This one starts the
probe, takes its own directory off sys.path so the program sees its usual path, and imports
the next `sitecustomize` (a virtualenv's or the distribution's) so nothing the user relies on
is lost. It never raises: a probe that fails leaves the program exactly as it was.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import advisor_probe  # type: ignore[import-not-found]  # beside this file, on PYTHONPATH

    advisor_probe.start()
except Exception:  # noqa: BLE001, S110 - the user's program must run whatever the probe does
    pass

sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
_SELF = sys.modules.pop("sitecustomize")
try:
    import sitecustomize  # type: ignore[import-not-found]  # noqa: F401 - the user's own, if any
except ImportError as _exc:
    sys.modules["sitecustomize"] = _SELF  # none: `site` expects to find this module
    # getattr: ImportError has no .name on Python 2, which a profiled program may start
    if getattr(_exc, "name", "sitecustomize") != "sitecustomize":
        raise

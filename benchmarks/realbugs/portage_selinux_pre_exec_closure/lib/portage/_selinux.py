"""SELinux support.

Reproduction of the shape fixed in https://bugs.gentoo.org/924273 (gentoo/portage pull request
#1260, commit a1024a6d02ca3a55f86525e0d8d5089e754d3713, "spawn_wrapper: Make pre_exec function
picklable"): spawn_wrapper.__call__ wraps the caller's pre_exec in a function defined inside the
method (_pre_exec, a closure over self and pre_exec) and passes it on to the wrapped spawn function
(portage.process.spawn), which hands it to a multiprocessing.Process (process.py); with the "spawn"
start method the child's arguments are pickled and the local function cannot be ("Can't pickle
local object 'spawn_wrapper.__call__.<locals>._pre_exec'"). The fix passed functools.partial(setexec,
self._con), chained with the caller's function by a picklable class; the line that hands the local
function on is marked.
"""
import selinux

from portage import process


def setexec(ctx="\n"):
    if selinux.setexeccon(ctx) < 0:
        raise OSError(f"setexec: Failed setting exec() context \"{ctx}\".")


def settype(newtype):
    ret = selinux.getcon()[1].split(":")
    ret[2] = newtype
    return ":".join(ret)


class spawn_wrapper:
    """Wraps a spawn function so that setexec() runs in the child, after the fork."""

    __slots__ = ("_con", "_spawn_func")

    def __init__(self, spawn_func, selinux_type):
        self._spawn_func = spawn_func
        self._con = settype(selinux_type)

    def __call__(self, *args, **kwargs):
        if self._con is not None:
            pre_exec = kwargs.get("pre_exec")

            def _pre_exec():
                if pre_exec is not None:
                    pre_exec()
                setexec(self._con)

            kwargs["pre_exec"] = _pre_exec  # bug
        return self._spawn_func(*args, **kwargs)


def spawn_sandboxed(mycommand, sandbox_type, **kwargs):
    """Run mycommand in the given SELinux domain (the way the ebuild phases spawn)."""
    return spawn_wrapper(process.spawn, sandbox_type)(mycommand, **kwargs)

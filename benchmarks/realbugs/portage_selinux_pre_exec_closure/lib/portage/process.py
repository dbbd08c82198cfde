"""Spawning commands (reproduction, see _selinux.py).

spawn() runs _exec_wrapper in a multiprocessing.Process; with the "spawn" (or "forkserver") start
method the target's arguments, pre_exec among them, are pickled to the child.
"""
import multiprocessing
import os


def _exec_wrapper(binary, mycommand, env, cwd, pre_exec):
    """Runs in the child: chdir, the caller's pre_exec hook, then exec."""
    if cwd:
        os.chdir(cwd)
    if pre_exec:
        pre_exec()
    os.execve(binary, mycommand, env)


def _start_proc(target, args=(), kwargs=None):
    proc = multiprocessing.Process(target=target, args=args, kwargs=kwargs or {})
    proc.start()
    return proc


def spawn(mycommand, env=None, cwd=None, pre_exec=None, returnproc=False):
    """Run mycommand (a list) in a new process; return its exit code, or the process."""
    binary = mycommand[0]
    proc = _start_proc(_exec_wrapper, args=(binary, mycommand, env or dict(os.environ), cwd, pre_exec))
    if returnproc:
        return proc
    proc.join()
    return proc.exitcode

"""Locks the handlers use, registered so they can be reset around fork."""

import threading
import weakref

handler_locks = weakref.WeakSet()


def create_handler_lock():
    lock = threading.Lock()
    handler_locks.add(lock)
    return lock

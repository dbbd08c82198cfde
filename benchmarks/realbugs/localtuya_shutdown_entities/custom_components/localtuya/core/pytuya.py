"""Listener interface of the Tuya local protocol (reproduction, see ../coordinator.py)."""


class TuyaListener:
    """Listener interface for Tuya device changes."""

    def status_updated(self, status):
        raise NotImplementedError()

    def disconnected(self, exc=""):
        raise NotImplementedError()


class ContextualLogger:
    def debug(self, msg, *args, force=False):
        pass

    def info(self, msg, *args):
        pass

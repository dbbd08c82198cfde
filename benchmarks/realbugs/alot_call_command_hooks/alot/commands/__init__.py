"""Commands of the mail client (reduced)."""


class Command:
    """base class for commands"""

    repeatable = False

    def __init__(self, **kwargs):
        self.prehook = kwargs.get("prehook")
        self.posthook = kwargs.get("posthook")

    def apply(self, caller):
        """code that gets executed when this command is applied"""

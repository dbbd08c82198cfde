"""The core package: import the controller from here."""
from .controller import Controller

__all__ = ["Controller"]

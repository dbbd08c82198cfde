from .source_shell import SourceShell

__all__ = ["SourceShell"]

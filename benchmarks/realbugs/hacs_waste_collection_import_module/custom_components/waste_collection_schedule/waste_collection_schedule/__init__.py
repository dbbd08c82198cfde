from .source_shell import Customize, SourceShell  # noqa: F401

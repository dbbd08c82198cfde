"""Stand-in for the wikipedia package: a synchronous MediaWiki client (requests)."""
from . import exceptions
from .wikipedia import WikipediaPage, page

__all__ = ["WikipediaPage", "exceptions", "page"]

"""advisor's version, in a leaf module: the cache and the CLI read it without importing the
package root (and everything `advisor/__init__.py` pulls in); hatch reads it from here too."""

__version__ = "0.1.0"

from lhotse.cut.set import CutSet

__all__ = ["CutSet"]

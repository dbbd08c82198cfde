from .analysis.fitting import candid_grid

__all__ = ["candid_grid"]

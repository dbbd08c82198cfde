from .docker import Docker

__all__ = ("Docker",)

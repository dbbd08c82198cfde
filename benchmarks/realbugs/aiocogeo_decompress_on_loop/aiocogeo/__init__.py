"""Reproduction of aiocogeo#43/#44: tile decoding and resampling run on the event loop."""

from .cog import COGReader

__all__ = ["COGReader"]

"""Reproduction of multiply-org/atmospheric_correction#12: local functions handed to processes."""

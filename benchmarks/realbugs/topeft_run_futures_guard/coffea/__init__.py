"""Minimal stand-in for the parts of coffea 0.7 used by analysis/topEFT/run.py."""

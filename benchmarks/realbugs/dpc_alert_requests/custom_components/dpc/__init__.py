"""Protezione Civile alerts."""

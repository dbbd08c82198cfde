"""Reverse-engineered client for the LG SmartThinQ API."""

"""Fronius Wattpilot integration."""

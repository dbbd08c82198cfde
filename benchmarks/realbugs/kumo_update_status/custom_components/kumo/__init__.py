"""Mitsubishi Kumo Cloud thermostats."""

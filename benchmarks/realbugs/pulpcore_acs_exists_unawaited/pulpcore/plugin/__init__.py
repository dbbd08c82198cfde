"""The plugin API (reproduction, see stages/artifact_stages.py)."""

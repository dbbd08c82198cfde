"""pulpcore (reproduction, see plugin/stages/artifact_stages.py)."""

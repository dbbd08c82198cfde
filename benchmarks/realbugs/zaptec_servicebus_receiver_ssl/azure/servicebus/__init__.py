"""Stand-in for azure-servicebus (reproduction, see custom_components/zaptec/api.py)."""

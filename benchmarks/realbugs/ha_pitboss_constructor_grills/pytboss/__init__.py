"""Stand-in for the pytboss package (reproduction, see custom_components/pitboss/__init__.py)."""

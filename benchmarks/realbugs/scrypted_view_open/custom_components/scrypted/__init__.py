"""The Scrypted integration."""

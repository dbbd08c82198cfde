"""Custom Conversation integration."""

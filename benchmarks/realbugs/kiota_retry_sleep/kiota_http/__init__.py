"""HTTP client library of an API SDK (reproduction, see middleware/retry_handler.py)."""

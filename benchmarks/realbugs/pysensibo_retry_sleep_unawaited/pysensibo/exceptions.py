class AuthenticationError(Exception):
    """Wrong API key."""


class SensiboError(Exception):
    """Error from the Sensibo API."""

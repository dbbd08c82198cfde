from .fastmail import FastMail

__all__ = ["FastMail"]

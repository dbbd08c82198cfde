from .aioimaplib import IMAP4, IMAP4ClientProtocol

__all__ = ["IMAP4", "IMAP4ClientProtocol"]

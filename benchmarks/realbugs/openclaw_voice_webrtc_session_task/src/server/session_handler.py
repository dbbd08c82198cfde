"""Registry of live voice sessions."""
_sessions: dict = {}


def register_session(transport) -> None:
    _sessions[transport._session_id] = transport


def unregister_session(transport) -> None:
    _sessions.pop(transport._session_id, None)

from threading import Lock


class SessionManager:
    def __init__(self, transport):
        self._transport = transport
        self._sessions = {}
        self._lock = Lock()

    async def request_reply_session(self, topic):
        with self._lock:  # bug
            session = self._sessions.get(topic)
            if session is None:
                session = await self._transport.create_session(topic)
                self._sessions[topic] = session
        return session

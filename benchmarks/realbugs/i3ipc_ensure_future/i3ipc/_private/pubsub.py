"""Event subscriptions of an i3/sway IPC library (reproduction, see ../aio/connection.py)."""


class PubSub(object):
    def __init__(self, conn):
        self.conn = conn
        self._subscriptions = []

    def subscribe(self, detailed_event, handler):
        event = detailed_event.replace('-', '_')
        detail = ''
        if detailed_event.count('::') > 0:
            [event, detail] = detailed_event.split('::')
        self._subscriptions.append({'event': event, 'detail': detail, 'handler': handler})

    def unsubscribe(self, handler):
        self._subscriptions = [s for s in self._subscriptions if s['handler'] != handler]

    def emit(self, event, data):
        for s in self._subscriptions:
            if s['event'] == event:
                s['handler'](self.conn, data)

import requests


class Request:
    def __init__(self, url, payload):
        self._url = url
        self._payload = payload

    def get_response(self, session_id):
        headers = {"Cookie": f"JSESSIONID={session_id}"}
        reply = requests.post(self._url, headers=headers, json=self._payload, timeout=10)
        return reply.json()

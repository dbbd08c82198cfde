"""SigV4 URL presigner of an X-Sense API client (reproduction, see mqtt_helper.py)."""


class AWSSigner:
    def __init__(self, access_key, secret_key, session_token):
        self.update(access_key, secret_key, session_token)

    def update(self, access_key, secret_key, session_token):
        self.access_key = access_key
        self.secret_key = secret_key
        self.session_token = session_token

    def presign_url(self, url, region):
        return f"{url}?X-Amz-Credential={self.access_key}&region={region}"

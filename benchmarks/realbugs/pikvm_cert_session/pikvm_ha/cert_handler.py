import ssl
import tempfile

import requests
from requests.adapters import HTTPAdapter


class SSLContextAdapter(HTTPAdapter):
    def __init__(self, ssl_context, *args, **kwargs):
        self.ssl_context = ssl_context
        super().__init__(*args, **kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["ssl_context"] = self.ssl_context
        super().init_poolmanager(*args, **kwargs)


def create_session_with_cert(serialized_cert=None):
    session = requests.Session()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    cert_file_path = None
    if serialized_cert:
        with tempfile.NamedTemporaryFile(delete=False, suffix=".pem") as cert_file:
            cert_file.write(serialized_cert.encode("utf-8"))
            cert_file_path = cert_file.name
        context.load_verify_locations(cert_file_path)
    session.mount("https://", SSLContextAdapter(context))
    return session, cert_file_path

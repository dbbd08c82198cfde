import ssl


class Reclaim:
    def __init__(self, cacert):
        self.cacert = cacert
        self.ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)

    async def _listen(self):
        self.ssl_context.load_verify_locations(cafile=self.cacert)  # bug
        return self.ssl_context

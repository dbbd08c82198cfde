import ssl


class CentralSystem:
    def __init__(self, config):
        self.config = config

    async def create(self):
        context = None
        if self.config.get("ssl"):
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.config["cert"], self.config["key"])  # bug
        return context

import asyncio
import ssl


class SMTP:
    def __init__(self, hostname, port, use_tls=False, validate_certs=True, cert_bundle=None):
        self.hostname = hostname
        self.port = port
        self.use_tls = use_tls
        self.validate_certs = validate_certs
        self.cert_bundle = cert_bundle
        self.tls_context = None
        self.transport = None

    async def _create_connection(self, timeout):
        loop = asyncio.get_running_loop()
        tls_context = None
        if self.use_tls:
            tls_context = self._get_tls_context()  # bug
        self.transport, _ = await asyncio.wait_for(
            loop.create_connection(asyncio.Protocol, self.hostname, self.port, ssl=tls_context),
            timeout=timeout,
        )

    def _get_tls_context(self):
        if self.tls_context is not None:
            return self.tls_context
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
        context.check_hostname = bool(self.validate_certs)
        if self.cert_bundle is not None:
            context.load_verify_locations(cafile=self.cert_bundle)
        return context

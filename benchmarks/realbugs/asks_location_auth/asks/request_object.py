"""asks-style request processor: on a redirect, credentials are only kept if the new location is
on the same domain and at least as secure."""

from urllib.parse import urljoin, urlparse


class RequestProcessor:
    def __init__(self, session, method, uri, auth=None, auth_off_domain=False):
        self.session = session
        self.method = method
        self.uri = uri
        self.auth = auth
        self.auth_off_domain = auth_off_domain
        self.scheme, self.host, *_ = urlparse(uri)
        self.history_objects = []

    async def make_request(self):
        return await self.session.send(self.method, self.uri)

    async def _redirect(self, response_obj):
        if not 300 <= response_obj.status_code < 400:
            return response_obj
        location = urljoin(self.uri, response_obj.headers["Location"].strip())
        allow_redirect = True
        if self.auth is not None:
            if not self.auth_off_domain:
                allow_redirect = self._location_auth_protect(location)  # bug
        self.uri = location
        self.history_objects.append(response_obj)
        if allow_redirect:
            response_obj = await self.make_request()
        return response_obj

    async def _location_auth_protect(self, location):
        base_domain = ".".join(self.host.split(":")[0].split(".")[-2:])
        l_scheme, l_netloc, *_ = urlparse(location)
        location_domain = ".".join(l_netloc.split(":")[0].split(".")[-2:])
        if base_domain == location_domain:
            return l_scheme >= self.scheme
        return False

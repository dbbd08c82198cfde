import httpx


class URLError(IOError):
    pass


class HTTPError(URLError):
    pass


_client = httpx.AsyncClient()


async def http_request(url: str, method: str = "GET", data: bytes = b"") -> bytes:
    try:
        response = await _client.request(method, url, content=data)
    except httpx.TransportError as e:
        raise URLError(str(e)) from e
    if response.status_code >= 400:
        raise HTTPError(f"{response.status_code} {url}")
    return response.content

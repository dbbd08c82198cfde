"""Stand-in for aiovantage.discovery: probing a controller opens a TLS connection with a fresh default SSL context."""
import asyncio
import ssl
from dataclasses import dataclass


@dataclass
class VantageControllerDetails:
    host: str
    requires_auth: bool
    supports_ssl: bool


def _default_ssl_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def get_controller_details(host: str) -> VantageControllerDetails | None:
    try:
        _reader, writer = await asyncio.open_connection(host, 3010, ssl=_default_ssl_context())  # also
    except OSError:
        return None
    writer.close()
    return VantageControllerDetails(host=host, requires_auth=True, supports_ssl=True)


def get_serial_from_hostname(hostname: str) -> str | None:
    prefix, _, serial = hostname.partition("-")
    return serial.split(".")[0] if prefix == "IC" and serial else None

"""HTTPS probe of one IP."""

import socket
import ssl


class Connection:
    def __init__(self, ip: str) -> None:
        self.ip = ip

    def https_conn(self) -> bool:
        try:
            with socket.create_connection((self.ip, 443), timeout=3) as sock:
                with ssl.create_default_context().wrap_socket(sock, server_hostname="www.google.com"):
                    return True
        except OSError:
            return False

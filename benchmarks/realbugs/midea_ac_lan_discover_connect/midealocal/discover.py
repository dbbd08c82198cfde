"""Stand-in for midea-local's discover() (reproduction, see custom_components/midea_ac_lan/config_flow.py):
a UDP broadcast answered within a timeout, as the package does."""
import socket

BROADCAST_MSG = bytes.fromhex("5a5a011100000000")


def discover(discover_type: list | None = None, ip_address: str | None = None) -> dict[int, dict]:
    if discover_type is None:
        discover_type = []
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.settimeout(5)
    found: dict[int, dict] = {}
    addrs = [ip_address] if ip_address else ["255.255.255.255"]
    try:
        for addr in addrs:
            sock.sendto(BROADCAST_MSG, (addr, 6445))
        while True:
            data, addr = sock.recvfrom(512)
            device_id = int.from_bytes(data[20:26], "little")
            device_type = data[55] if len(data) > 55 else 0xAC
            if not discover_type or device_type in discover_type:
                found[device_id] = {"type": device_type, "ip_address": addr[0], "port": addr[1]}
    except TimeoutError:
        pass
    finally:
        sock.close()
    return found

"""TCP client with a receive workaround (stand-in)."""
from pymodbus.client import ModbusTcpClient


class CustomModbusTcpClient(ModbusTcpClient):
    """Custom ModbusTcpClient subclass."""

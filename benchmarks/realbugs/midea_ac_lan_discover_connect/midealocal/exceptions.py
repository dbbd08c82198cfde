"""Stand-in for the midea-local package's exceptions (reproduction, see custom_components/midea_ac_lan/config_flow.py)."""


class SocketException(Exception):
    pass

"""Where each data item of a miner comes from (reduced)."""
from dataclasses import dataclass, field
from enum import Enum
from typing import List, Union


class DataOptions(Enum):
    HOSTNAME = "hostname"
    HASHRATE = "hashrate"

    def __str__(self):
        return self.value


@dataclass
class RPCAPICommand:
    name: str
    cmd: str


@dataclass
class WebAPICommand:
    name: str
    cmd: str


@dataclass
class DataFunction:
    cmd: str
    kwargs: List[Union[RPCAPICommand, WebAPICommand]] = field(default_factory=list)


@dataclass
class DataLocations:
    hostname: DataFunction = field(default_factory=lambda: DataFunction("_get_hostname", [WebAPICommand("web_info", "info")]))
    hashrate: DataFunction = field(default_factory=lambda: DataFunction("_get_hashrate", [RPCAPICommand("rpc_summary", "summary")]))

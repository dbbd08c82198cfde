"""Third-party identifier associations (reproduction, see bind.py)."""
from typing import Any, Dict


class ThreepidAssociation:
    def __init__(self, medium: str, address: str, mxid: str) -> None:
        self.medium = medium
        self.address = address
        self.mxid = mxid
        self.extra_fields: Dict[str, Any] = {}

    def to_dict(self) -> Dict[str, Any]:
        return {"medium": self.medium, "address": self.address, "mxid": self.mxid, **self.extra_fields}

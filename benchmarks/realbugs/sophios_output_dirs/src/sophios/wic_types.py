from typing import Any, Dict

Json = Dict[str, Any]

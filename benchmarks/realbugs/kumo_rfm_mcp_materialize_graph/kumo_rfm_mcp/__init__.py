from kumo_rfm_mcp.data_models import MaterializedGraph
from kumo_rfm_mcp.session import SessionManager

__all__ = ["MaterializedGraph", "SessionManager"]

"""Settings of a process-improvement toolkit (reproduction, see mcp_server.py)."""
import os


class Settings:
    mcp_safe_mode = os.environ.get("PROCESS_IMPROVE_MCP_SAFE_MODE") == "1"
    tool_timeout = 60.0
    max_memory_mb = 2048


settings = Settings()

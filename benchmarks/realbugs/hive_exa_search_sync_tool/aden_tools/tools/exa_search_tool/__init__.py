from aden_tools.tools.exa_search_tool.exa_search_tool import register_tools

__all__ = ["register_tools"]

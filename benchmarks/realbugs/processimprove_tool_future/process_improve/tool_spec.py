"""Tool registry of a process-improvement toolkit (reproduction, see mcp_server.py)."""
from typing import Any, Callable

_TOOL_REGISTRY: dict[str, Callable[[dict[str, Any]], Any]] = {}


def tool_spec(name: str, description: str) -> Callable:
    def decorator(func: Callable[[dict[str, Any]], Any]) -> Callable:
        func._tool_spec = {"name": name, "description": description, "input_schema": {"type": "object"}}
        _TOOL_REGISTRY[name] = func
        return func

    return decorator


def discover_tools() -> None:
    from process_improve import tools  # noqa: F401  (registers the tools)


def get_tool_specs() -> list[dict[str, Any]]:
    discover_tools()
    return [func._tool_spec for func in _TOOL_REGISTRY.values()]


def execute_tool_call(tool_name: str, tool_input: dict[str, Any]) -> Any:
    """Run one registered tool in this process and return its result."""
    func = _TOOL_REGISTRY.get(tool_name)
    if func is None:
        raise ValueError(f"Unknown tool: {tool_name}")
    return func(tool_input)

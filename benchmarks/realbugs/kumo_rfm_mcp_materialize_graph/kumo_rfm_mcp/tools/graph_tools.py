"""Graph tools of the KumoRFM MCP server (FastMCP).

Reproduction of the shape fixed in https://github.com/kumo-ai/kumo-rfm-mcp/pull/32 (commit
f635bc743b14d35925197cee7453c5ac576db21f, "Make IO/compute bound methods async"):
register_graph_tools registers the plain function materialize_graph with
`mcp.tool(annotations=...)(materialize_graph)`; FastMCP calls a plain tool function directly on its
event loop, and materialize_graph builds `rfm.KumoRFM(session.graph, ...)`, which materializes the
whole graph store in pandas (every table's rows and the foreign-key edges), then scans it for node
and edge counts, stalling the server for every other client. The fix made the tool async and ran
the materialization with asyncio.to_thread under an asyncio.Lock.
"""
from fastmcp import FastMCP
from fastmcp.exceptions import ToolError
from kumoai.experimental import rfm

from kumo_rfm_mcp import MaterializedGraph, SessionManager


def materialize_graph() -> MaterializedGraph:
    """Materialize the graph from its metadata so predictions can run on it."""
    session = SessionManager.get_default_session()

    if session._model is not None:
        raise ToolError("Graph is already materialized")

    try:
        model = rfm.KumoRFM(session.graph, verbose=False)  # bug
    except Exception as e:
        raise ToolError(f"Failed to materialize graph: {e}")

    session._model = model

    num_nodes = sum(len(df) for df in model._graph_store.df_dict.values())
    num_edges = sum(len(row) for row in model._graph_store.row_dict.values())
    time_ranges = {}
    for table in session.graph.tables.values():
        if table._time_column is None:
            continue
        time = model._graph_store.df_dict[table.name][table._time_column]
        if len(time) == 0:
            continue
        time_ranges[table.name] = f"{time.min()} - {time.max()}"

    return MaterializedGraph(num_nodes=num_nodes, num_edges=num_edges, time_ranges=time_ranges)


def register_graph_tools(mcp: FastMCP) -> None:
    """Register the graph management tools to the MCP server."""
    mcp.tool(annotations=dict(
        title="Materializing graph",
        readOnlyHint=False,
        destructiveHint=False,
        idempotentHint=False,
        openWorldHint=False,
    ))(materialize_graph)

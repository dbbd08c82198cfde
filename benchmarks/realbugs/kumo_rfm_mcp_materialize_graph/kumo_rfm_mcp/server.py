from fastmcp import FastMCP

from kumo_rfm_mcp.tools.graph_tools import register_graph_tools

mcp = FastMCP(name="KumoRFM")
register_graph_tools(mcp)

if __name__ == "__main__":
    mcp.run(transport="http")

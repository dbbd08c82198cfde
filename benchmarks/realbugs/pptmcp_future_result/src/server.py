from mcp.server.fastmcp import FastMCP

from src.ppt_com import slides
from src.utils.com_wrapper import ppt

mcp = FastMCP("ppt-mcp")


@mcp.tool()
async def add_slide(layout_index: int = 1) -> dict:
    """Add a slide at the end of the active presentation."""
    return ppt.execute(slides.add_slide, layout_index)  # bug

import json

from mcp.types import TextContent

from ..database.connection_manager import ConnectionManager


class DBJavaGenixTools:
    def __init__(self):
        self.connection_manager = ConnectionManager()

    async def handle_execute_query(self, arguments: dict) -> list[TextContent]:
        rows = self.connection_manager.execute_query(arguments["connection_id"], arguments["sql"])  # bug
        return [TextContent(type="text", text=json.dumps(rows, default=str))]

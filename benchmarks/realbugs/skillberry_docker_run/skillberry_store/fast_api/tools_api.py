from typing import Any, Dict, Optional

from fastapi import FastAPI, Request

from ..tools.file_executor import FileExecutor


def register_tools_api(app: FastAPI, tags: str = "tools") -> None:
    @app.post("/tools/{id}/execute", tags=[tags])
    async def execute_tool(
        id: str, request: Request, parameters: Optional[Dict[str, Any]] = None
    ) -> Dict:
        body = await request.json()
        executor = FileExecutor(name=id, file_content=body["code"])
        return executor.execute_python_file_using_docker(parameters)  # bug

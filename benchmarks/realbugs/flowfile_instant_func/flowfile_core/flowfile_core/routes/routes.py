"""HTTP routes of the flow designer's core service (reduced).

Reproduction of the shape fixed in https://github.com/Edwardvaneechoud/Flowfile/pull/48 (commit
b578fb2ce0ceba683923a21b881fed80799eaca4, "Bugfix blocking async request"): the async FastAPI
route get_instant_function_result calls get_instant_func_results(node, func_string), imported from
flowfile/extensions.py, which reads the first row of the input node's Arrow file (pyarrow, through
utils/arrow_reader.py) or collects a polars lazy frame, and evaluates the expression, all on the
event loop. The fix ran it with `await asyncio.to_thread(get_instant_func_results, node, func_string)`.
"""
from fastapi import APIRouter, HTTPException

from flowfile_core import flow_file_handler
from flowfile_core.flowfile.extensions import get_instant_func_results

router = APIRouter()


@router.get("/custom_functions/instant_result", tags=[])
async def get_instant_function_result(flow_id: int, node_id: int, func_string: str):
    try:
        node = flow_file_handler.get_node(flow_id, node_id)
    except Exception as e:
        raise HTTPException(404, str(e))
    return get_instant_func_results(node, func_string)  # bug

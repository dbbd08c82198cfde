from typing import Dict

from fastapi.concurrency import run_in_threadpool

import sophios.post_compile as pc
from sophios.wic_types import Json


async def run_cwl_workflow(workflow_name: str, basepath: str, user_env: Dict[str, str]) -> int:
    return 0


async def run_cwl_serialized(workflow: Json, basepath: str, user_env: Dict[str, str]) -> None:
    """Prepare and run compiled and serialized CWL workflow asynchronously."""
    workflow_name = workflow["name"]
    basepath = basepath.rstrip("/") if basepath != "/" else basepath
    output_dirs = pc.find_output_dirs(workflow)
    pc.create_output_dirs(output_dirs, basepath)  # bug
    retval = await run_cwl_workflow(workflow_name, basepath, user_env=user_env)
    assert retval == 0
    await run_in_threadpool(print, workflow_name)

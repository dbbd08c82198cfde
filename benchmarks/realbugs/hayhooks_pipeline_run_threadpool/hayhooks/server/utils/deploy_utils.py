"""Deploy a Haystack pipeline as a FastAPI route.

Reproduction of the shape fixed in https://github.com/deepset-ai/hayhooks/pull/27 (commit
5af01d6c0d6668a40ef7f844da3d894d82b59fb3, "Enhance deploy_utils.py to support async execution
using run_in_threadpool"): deploy_pipeline_def registers the nested coroutine pipeline_run with
app.add_api_route; it calls pipe.run(...) directly, pipe being the haystack Pipeline the
module-level registry (server/pipelines/registry.py) built with Pipeline.loads, whose run executes
every component synchronously (LLM calls, retrievers, fetchers), so one request blocks all others.
The fix awaited fastapi.concurrency.run_in_threadpool(pipe.run, ...).
"""
from fastapi import HTTPException
from fastapi.responses import JSONResponse

from hayhooks.server.pipelines import registry
from hayhooks.server.pipelines.models import (
    PipelineDefinition,
    convert_component_output,
    get_request_model,
    get_response_model,
)


def deploy_pipeline_def(app, pipeline_def: PipelineDefinition):
    try:
        pipe = registry.add(pipeline_def.name, pipeline_def.source_code)
    except ValueError as e:
        raise HTTPException(status_code=409, detail=f"{e}") from e

    PipelineRunRequest = get_request_model(pipeline_def.name, pipe.inputs())
    PipelineRunResponse = get_response_model(pipeline_def.name, pipe.outputs())

    async def pipeline_run(pipeline_run_req: PipelineRunRequest) -> JSONResponse:  # type: ignore
        result = pipe.run(data=pipeline_run_req.dict())  # bug
        final_output = {}
        for component_name, output in result.items():
            final_output[component_name] = convert_component_output(output)
        return JSONResponse(PipelineRunResponse(**final_output).model_dump(), status_code=200)

    app.add_api_route(
        path=f"/{pipeline_def.name}",
        endpoint=pipeline_run,
        methods=["POST"],
        name=pipeline_def.name,
        response_model=PipelineRunResponse,
        tags=["pipelines"],
    )
    app.openapi_schema = None
    app.setup()
    return {"name": pipeline_def.name}

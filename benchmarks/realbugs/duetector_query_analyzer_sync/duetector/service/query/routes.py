from fastapi import APIRouter, Body, Depends

from duetector.service.base import get_controller
from duetector.service.query.controller import AnalyzerController

r = APIRouter(prefix="/query", tags=["query"])


@r.post("/{analyzer_name}")
async def query(
    analyzer_name: str,
    query_param: dict = Body(default={}),
    controller: AnalyzerController = Depends(get_controller(AnalyzerController)),
):
    """Query data from an analyzer."""
    analyzer = controller.get_analyzer(analyzer_name)
    trackings = analyzer.query(**query_param)  # bug
    return {"trackings": trackings, "analyzer_name": analyzer_name}


@r.post("/{analyzer_name}/brief")
async def query_brief(
    analyzer_name: str,
    controller: AnalyzerController = Depends(get_controller(AnalyzerController)),
):
    analyzer = controller.get_analyzer(analyzer_name)
    return {"brief": analyzer.brief(inspect_type=False), "analyzer_name": analyzer_name}  # bug

from pydantic import BaseModel


class MaterializedGraph(BaseModel):
    num_nodes: int
    num_edges: int
    time_ranges: dict[str, str]

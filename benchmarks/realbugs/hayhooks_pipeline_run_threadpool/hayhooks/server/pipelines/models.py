"""Request and response models built from a pipeline's inputs and outputs."""
from pydantic import BaseModel, create_model


def get_request_model(name: str, inputs: dict) -> type[BaseModel]:
    fields = {component: (dict, ...) for component in inputs}
    return create_model(f"{name.capitalize()}RunRequest", **fields)


def get_response_model(name: str, outputs: dict) -> type[BaseModel]:
    fields = {component: (dict, ...) for component in outputs}
    return create_model(f"{name.capitalize()}RunResponse", **fields)


def convert_component_output(output):
    return {key: value.to_dict() if hasattr(value, "to_dict") else value for key, value in output.items()}


class PipelineDefinition(BaseModel):
    name: str
    source_code: str

from .startup.finalize import SystemQAAgent
from .substrate.spawner import AgentSpawner


class ProbOSRuntime:
    def __init__(self):
        self.spawner = AgentSpawner({"system_qa": SystemQAAgent})
        self.qa_pool = None

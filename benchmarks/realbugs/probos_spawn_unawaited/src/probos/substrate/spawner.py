class BaseAgent:
    def __init__(self, agent_id: str):
        self.agent_id = agent_id


class AgentSpawner:
    def __init__(self, registry):
        self._registry = registry
        self._count = 0

    async def spawn(self, type_name: str, pool: str = "default", **kwargs) -> BaseAgent:
        self._count += 1
        agent = self._registry[type_name](agent_id=f"{type_name}_{pool}_{self._count}", **kwargs)
        return agent

import logging
from typing import Any

from ..substrate.spawner import BaseAgent

logger = logging.getLogger(__name__)


class SystemQAAgent(BaseAgent):
    pass


class QAAgentPool:
    def __init__(self, agents):
        self.agents = agents


async def finalize_startup(runtime, cfg) -> None:
    qa_agents: list[Any] = []
    spawner = getattr(runtime, "spawner", None)
    if spawner is not None:
        for _ in range(cfg.qa_pool_size):
            try:
                agent = spawner.spawn("system_qa")  # bug
                qa_agents.append(agent)
            except Exception:
                logger.warning("QA agent spawn failed", exc_info=True)
                break
    if not qa_agents:
        qa_agents = [SystemQAAgent(agent_id="qa_default_0")]
    runtime.qa_pool = QAAgentPool(qa_agents)

"""The browsing agent: one step asks the model for actions and runs them.

Reproduction of the shape fixed in https://github.com/browser-use/browser-use/pull/347 ("changed
time.sleep to asyncio.sleep"): the async step() (decorated with @time_execution_async) handled any
failure with self._handle_step_error(e), a sync method of the same class that, on openai's
RateLimitError, waited with time.sleep(self.retry_delay) (10 seconds by default): the whole loop,
browser included, froze. The fix made the handler async with asyncio.sleep and awaited it.
"""

from __future__ import annotations

import logging
import time
from typing import Optional

from openai import RateLimitError
from pydantic import ValidationError

from browser_use.utils import time_execution_async

logger = logging.getLogger(__name__)


class ActionResult:
	def __init__(self, error: Optional[str] = None, include_in_memory: bool = False, is_done: bool = False):
		self.error = error
		self.include_in_memory = include_in_memory
		self.is_done = is_done


class Agent:
	def __init__(self, task: str, llm, browser_context, controller, max_failures: int = 3, retry_delay: int = 10):
		self.task = task
		self.llm = llm
		self.browser_context = browser_context
		self.controller = controller
		self.max_failures = max_failures
		self.retry_delay = retry_delay
		self.consecutive_failures = 0
		self.n_steps = 1
		self._last_result = None

	async def get_next_action(self, state):
		return await self.llm.ainvoke(state)

	@time_execution_async('--step')
	async def step(self) -> None:
		"""Execute one step of the task"""
		logger.info(f'Step {self.n_steps}')
		result: list[ActionResult] = []

		try:
			state = await self.browser_context.get_state()
			model_output = await self.get_next_action(state)
			result = await self.controller.multi_act(model_output.action, self.browser_context)
			self._last_result = result
			self.consecutive_failures = 0

		except Exception as e:
			result = self._handle_step_error(e)  # bug
			self._last_result = result

	def _handle_step_error(self, error: Exception) -> list[ActionResult]:
		"""Handle all types of errors that can occur during a step"""
		error_msg = str(error)
		prefix = f'Result failed {self.consecutive_failures + 1}/{self.max_failures} times:\n '

		if isinstance(error, (ValidationError, ValueError)):
			logger.error(f'{prefix}{error_msg}')
			self.consecutive_failures += 1
		elif isinstance(error, RateLimitError):
			logger.warning(f'{prefix}{error_msg}')
			time.sleep(self.retry_delay)
			self.consecutive_failures += 1
		else:
			logger.error(f'{prefix}{error_msg}')
			self.consecutive_failures += 1

		return [ActionResult(error=error_msg, include_in_memory=True)]

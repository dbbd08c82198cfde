import logging
import time
from functools import wraps

logger = logging.getLogger(__name__)


def time_execution_async(additional_text: str = ''):
	def decorator(func):
		@wraps(func)
		async def wrapper(*args, **kwargs):
			start_time = time.time()
			result = await func(*args, **kwargs)
			logger.debug(f'{additional_text} Execution time: {time.time() - start_time:.2f} seconds')
			return result

		return wrapper

	return decorator

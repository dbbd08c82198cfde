"""Options of the retry middleware (reproduction, see retry_handler.py)."""


class RetryHandlerOption:
    DEFAULT_DELAY = 3
    DEFAULT_MAX_RETRIES = 3
    DEFAULT_SHOULD_RETRY = True
    MAX_DELAY = 180
    MAX_MAX_RETRIES = 10

    def __init__(self, delay=DEFAULT_DELAY, max_retries=DEFAULT_MAX_RETRIES, should_retry=True):
        self.max_delay = delay
        self.max_retries = max_retries
        self.should_retry = should_retry

    @staticmethod
    def get_key():
        return "RetryHandlerOption"

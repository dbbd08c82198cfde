from .pubsub import PubSub  # noqa: F401

"""RabbitMQ settings of a message client library (reproduction, see base_channel_opener.py)."""
import os

RABBITMQ_CONFIG = {
    "host": os.environ.get("RABBITMQ_HOST", "localhost"),
    "port": int(os.environ.get("RABBITMQ_PORT", "5672")),
    "username": os.environ.get("RABBITMQ_USERNAME", "guest"),
    "password": os.environ.get("RABBITMQ_PASSWORD", "guest"),
}

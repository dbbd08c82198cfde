from hayhooks.server.pipelines.registry import registry

__all__ = ["registry"]

from ._strategy import LLMCompactionStrategy

__all__ = ["LLMCompactionStrategy"]

from agent.models_dev import lookup_models_dev_context

DEFAULT_CONTEXT_LENGTH = 128_000


def get_model_context_length(model: str, provider: str = "openrouter") -> int:
    found = lookup_models_dev_context(provider, model)
    return found or DEFAULT_CONTEXT_LENGTH

"""Plugin registry of a corpus web app (reproduction, see action/model/concordance)."""


class _Plugin:
    def __init__(self):
        self.instance = None

    def __enter__(self):
        return self.instance

    def __exit__(self, *exc):
        return False


class _Runtime:
    QUERY_PERSISTENCE = _Plugin()


runtime = _Runtime()

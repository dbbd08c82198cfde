TITLE = "Example"
DESCRIPTION = "Example source."
URL = "https://example.com"


class Source:
    def __init__(self, street: str):
        self._street = street

    def fetch(self):
        return []

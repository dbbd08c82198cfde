class Fetcher:
    async def fetch(self, devices):
        return {device: "" for device in devices}

    async def fetch_packages(self, devices):
        return {device: [] for device in devices}, {}


def get_fetcher() -> Fetcher:
    return Fetcher()

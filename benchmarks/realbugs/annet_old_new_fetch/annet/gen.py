from annet.deploy import get_fetcher
from annet.lib import do_async


class OldNewResult:
    def __init__(self, device, old, new, packages):
        self.device = device
        self.old = old
        self.new = new
        self.packages = packages


def old_new(args, config, loader, device_ids=None, do_files_download=False):
    devices = [loader.get_device(i) for i in device_ids] if device_ids else loader.devices
    fetched_packages = {}
    if do_files_download and config == "running":
        fetcher = get_fetcher()
        fetched_packages, _failed = do_async(fetcher.fetch_packages(devices))
    for device in devices:
        yield OldNewResult(device, loader.running(device), loader.generate(device), fetched_packages)

import annet.lib
from annet import gen as ann_gen
from annet.deploy import Fetcher


def diff(args, loader, device_ids):
    ret = {}
    for res in ann_gen.old_new(args, config="running", loader=loader, device_ids=device_ids, do_files_download=True):
        ret[res.device] = (res.old, res.new)
    return ret


class Deployer:
    def __init__(self, args):
        self.args = args
        self.failed_configs = {}

    def check_diff(self, result, loader):
        done = [device.id for device, outcome in result.items() if not isinstance(outcome, Exception)]
        for device, (old, new) in diff(self.args, loader, done).items():
            if old != new:
                self.failed_configs[device.fqdn] = Warning("Deploy OK, but diff still exists")


def deploy(args, loader, deployer: Deployer, fetcher: Fetcher, driver) -> int:
    return annet.lib.do_async(adeploy(args, loader, deployer, fetcher, driver))


async def adeploy(args, loader, deployer: Deployer, fetcher: Fetcher, driver) -> int:
    await fetcher.fetch(loader.devices)
    result = await driver.bulk_deploy(loader.devices, args)
    if not args.no_check_diff:
        deployer.check_diff(result, loader)  # bug
    return 1 if deployer.failed_configs else 0

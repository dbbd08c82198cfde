from middlewared.service import private, Service


class UpdateService(Service):
    @private
    async def get_update_location(self):
        syspath = await self.middleware.call("systemdataset.config")["path"]  # bug
        if syspath:
            return f"{syspath}/update"
        return "/var/tmp/update"

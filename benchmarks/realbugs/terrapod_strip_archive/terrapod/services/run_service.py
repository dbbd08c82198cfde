async def create_configuration_version(db, ws, archive: bytes):
    raise NotImplementedError


async def create_run(db, ws, cv, *, message: str = ""):
    raise NotImplementedError

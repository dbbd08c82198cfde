"""Local users of the appliance.

Reproduction of the shape fixed in https://github.com/truenas/middleware/pull/11293 ("fix
un-awaited coroutine in account.py"): in an async method of the user service, one
`self.middleware.call(...)` was written as a statement without await, so it was never scheduled
("Missing await for this coroutine so it's never being scheduled to be executed as a task"); every
other call in the method was awaited. self.middleware is set by the Service base class (another
module) from an unannotated __init__ parameter; Middleware.call is async.
"""
from middlewared.service import CRUDService


class UserService(CRUDService):
    class Config:
        namespace = "user"

    async def do_update(self, pk, data):
        user = await self.get_instance(pk)
        user.update(data)
        await self.middleware.call("datastore.update", "account.bsdusers", pk, user)
        if "sshpubkey" in data:
            self.middleware.call("user.update_sshpubkey", user["home"], user)  # bug
        await self.middleware.call("service.reload", "user")
        return await self.get_instance(pk)

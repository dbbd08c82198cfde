"""An async port of an RBAC enforcer: implicit permissions are the permissions of the user and of
every role it inherits."""

from casbin.management_enforcer import ManagementEnforcer


class Enforcer(ManagementEnforcer):
    async def get_permissions_for_user(self, user):
        return await self.get_filtered_policy(0, user)

    async def get_implicit_roles_for_user(self, name, domain=None):
        res = []
        queue = [name]
        while queue:
            name = queue.pop(0)
            for rm in self.rm_map.values():
                for role in rm.get_roles(name, domain):
                    if role not in res:
                        res.append(role)
                        queue.append(role)
        return res

    async def get_implicit_permissions_for_user(self, user, domain=None):
        roles = self.get_implicit_roles_for_user(user, domain)  # bug
        roles.insert(0, user)
        res = []
        for role in roles:
            res.extend(await self.get_permissions_for_user(role))
        return res

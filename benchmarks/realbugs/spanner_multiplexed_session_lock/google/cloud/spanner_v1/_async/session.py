class Session:
    def __init__(self, database, database_role=None, is_multiplexed=False):
        self._database = database
        self._database_role = database_role
        self.is_multiplexed = is_multiplexed
        self.session_id = None

    async def create(self):
        self.session_id = await self._database.create_session(self._database_role)

    async def delete(self):
        await self._database.delete_session(self.session_id)

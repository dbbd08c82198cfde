"""The client's main UI object (reduced to applying a command)."""
import asyncio


class UI:
    def __init__(self, dbman):
        self.dbman = dbman

    async def apply_command(self, cmd):
        if cmd.prehook:
            await cmd.prehook(ui=self, dbm=self.dbman, cmd=cmd)
        try:
            if asyncio.iscoroutinefunction(cmd.apply):
                await cmd.apply(self)
            else:
                cmd.apply(self)
        except Exception as e:
            self.notify(str(e), priority="error")

    def notify(self, message, priority="normal"):
        print(priority, message)

from deebot.commands import get_command_class


class Device:
    async def execute(self, name):
        command = get_command_class(name)  # bug
        return command

"""A Mattermost bot whose commands are plug-in modules.

Reproduction of the shape fixed in https://github.com/uforia/MatterBot/pull/152 (commit
4ddade1a41a8f152543cce37f936617b61447b8a, "Run module.process in a thread executor to unblock the
asyncio loop"): MattermostManager.__init__ imports each modules/<name>/command.py with
importlib.import_module and keeps its plain `process` function in self.commands[name]['process'];
the coroutine call_module (awaited by handle_post for every bound command) calls it directly inside
`async with asyncio.timeout(30)`, so a module's HTTP lookups (requests) block the event loop and
the timeout can never fire. The fix ran it with loop.run_in_executor on a bounded pool.
"""
import asyncio
import fnmatch
import importlib
import json
import os
import sys
import traceback


class MattermostManager(object):
    def __init__(self, driver, modulepath="modules"):
        self.mmDriver = driver
        sys.path.append(modulepath)
        self.commands = {}
        self.binds = []
        for root, _dirs, files in os.walk(modulepath):
            for _name in fnmatch.filter(files, "command.py"):
                module_name = root.split("/")[-1].lower()
                module = importlib.import_module(module_name + "." + "command")
                defaults = importlib.import_module(module_name + "." + "defaults")
                self.commands[module_name] = {"binds": defaults.BINDS, "help": defaults.HELP}
                self.commands[module_name]["process"] = getattr(module, "process")
                self.binds.extend(defaults.BINDS)
        self.binds = sorted(set(self.binds))

    def channame_to_chanid(self, channame):
        return self.mmDriver.channel_ids.get(channame)

    async def send_message(self, chanid, text, postid=None):
        await self.mmDriver.posts.create_post({"channel_id": chanid, "message": text, "root_id": postid})

    async def call_module(self, module, command, channame, rootid, username, params, files, conn):
        chanid = self.channame_to_chanid(channame)
        try:
            async with asyncio.timeout(30):
                result = self.commands[module]["process"](command, channame, username, params, files, conn)  # bug
            if result and "messages" in result:
                for message in result["messages"]:
                    await self.send_message(chanid, message.get("text", ""), rootid)
        except Exception:
            text = "An error occurred during the %s module call: %s" % (module, traceback.format_exc())
            await self.send_message(chanid, text, rootid)

    async def handle_post(self, data: dict):
        post = json.loads(data["post"])
        words = post["message"].split()
        if not words or words[0].lower() not in self.binds:
            return
        command, params = words[0].lower(), words[1:]
        for module in self.commands:
            if command in self.commands[module]["binds"]:
                try:
                    async with asyncio.timeout(30):
                        await self.call_module(
                            module, command, data["channel_name"], post["id"], data["sender_name"],
                            params, [], self.mmDriver,
                        )
                except asyncio.TimeoutError:
                    await self.send_message(post["channel_id"], f"the {module} module timed out", post["id"])

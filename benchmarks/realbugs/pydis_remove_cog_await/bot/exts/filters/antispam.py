"""Anti-spam cog of a community Discord bot (discord.py 2).

Reproduction of the shape fixed in https://github.com/python-discord/bot/pull/2284 (commit 452da1a,
"await unawaited remove_cog calls", issue #2281): after the move to discord.py 2.0, where
Bot.remove_cog became a coroutine, three async cog_load / init methods still called
self.bot.remove_cog(...) without await (here, help_channels/_cog.py and
moderation/watchchannels/_watchchannel.py), so a cog whose setup failed was never unloaded. self.bot
is the Bot of bot/bot.py, a subclass of botcore's BotBase (commands.Bot).
"""
from discord import Colour, Message
from discord.ext.commands import Cog

from bot.bot import Bot


class AntiSpam(Cog):
    def __init__(self, bot: Bot, validation_errors: dict[str, str]) -> None:
        self.bot = bot
        self.validation_errors = validation_errors

    @property
    def mod_log(self):
        return self.bot.get_cog("ModLog")

    async def cog_load(self) -> None:
        """Unloads the cog and alerts admins if configuration validation failed."""
        await self.bot.wait_until_guild_available()
        if self.validation_errors:
            body = "\n".join(f"- {error}" for error in self.validation_errors.values())
            await self.mod_log.send_log_message(
                title="Error: AntiSpam configuration validation failed!",
                text=body,
                ping_everyone=True,
                colour=Colour.red(),
            )
            self.bot.remove_cog(self.__class__.__name__)  # bug
            return

    @Cog.listener()
    async def on_message(self, message: Message) -> None:
        if message.author.bot:
            return


def validate_config() -> dict[str, str]:
    return {}


async def setup(bot: Bot) -> None:
    await bot.add_cog(AntiSpam(bot, validate_config()))

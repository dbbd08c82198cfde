"""Dice cog of calebj-cogs (Red-DiscordBot v2).

Reproduction of the shape fixed in https://github.com/calebj/calebj-cogs/issues/59 ("[dice] Cog is
blocking": the bot stalls until a large expression is rolled; "Pyparsing is also kinda slow
sometimes... I'll move it to an executor"), fixed by commit 5b351dbfeedd3b73d561f1910eb9fe51309b323c
("[dice] v1.2.0 show expression, use executor", "Resolves #59"): the coroutine roll_common, awaited by
every dice command, parses and evaluates the expression with the python-dice library (func defaults
to dice.roll; roll.evaluate_cached) on the event loop. The fix moved the parse and evaluation into a
module-level _roll_task run with bot.loop.run_in_executor on a ProcessPoolExecutor; the five lines are
marked.
"""
from discord.ext import commands
from pyparsing import ParseBaseException

from .utils.chat_formatting import box, pagify, warning

try:
    import dice
except (ImportError, AssertionError):
    raise ImportError("Please install the dice package from pypi.") from None

DICE_200 = dice.__version__ >= "2.0.0"
DICE_210 = dice.__version__ >= "2.1.0"
DICE_220 = dice.__version__ >= "2.2.0"

if DICE_220:
    from dice import DiceBaseException

UPDATE_MSG = "The version of the dice library installed on the bot (%s) is too old." % dice.__version__


class Dice:
    """A cog which uses the python-dice library to provide powerful dice
    expression parsing for your games!"""

    def __init__(self, bot):
        self.bot = bot

    @commands.group(pass_context=True, name="dice", invoke_without_command=True)
    async def _dice(self, ctx, *, expr: str = "d20"):
        """Evaluates a dice expression. Defaults to roll a d20."""
        if ctx.invoked_subcommand is None:
            await self.roll_common(ctx, expr)

    @_dice.command(pass_context=True, name="min")
    async def dice_min(self, ctx, *, expr: str = "d20"):
        "Evaluates the minimum of an expression."
        if not DICE_200:
            await self.bot.say(warning(UPDATE_MSG))
            return
        await self.roll_common(ctx, expr, dice.roll_min)

    @_dice.command(pass_context=True, name="verbose")
    async def dice_verbose(self, ctx, *, expr: str = "d20"):
        "Shows the complete breakdown of an expression."
        if not DICE_200:
            await self.bot.say(warning(UPDATE_MSG))
            return
        await self.roll_common(ctx, expr, dice.roll, verbose=True)

    async def roll_common(self, ctx, expr, func=dice.roll, verbose=False):
        try:
            if DICE_210:
                roll, kwargs = func(expr, raw=True, return_kwargs=True)  # bug
                result = roll.evaluate_cached(**kwargs)  # bug
            elif DICE_200:
                roll = func(expr, raw=True)  # bug
                result = roll.evaluate_cached()  # bug
            else:
                result = func(expr)  # bug

        except ParseBaseException as e:
            msg = warning("An error occured while parsing your expression:\n")
            if DICE_220 and isinstance(e, DiceBaseException):
                msg += box(e.pretty_print())
            else:
                msg += str(e)
            await self.bot.say(msg)
            return

        if DICE_200 and verbose:
            if DICE_210:
                breakdown = dice.utilities.verbose_print(roll, **kwargs)
            else:
                breakdown = dice.utilities.verbose_print(roll)
            pages = list(map(box, pagify(breakdown)))
            for page in pages[:-1]:
                await self.bot.say(page)

        if isinstance(result, int):
            res = str(result)
        elif len(result) > 0:
            total = sum(result)
            res = ", ".join(map(str, result))
            if len(res) > 1970:
                res = "[result set too long to display]"
            if len(result) > 1:
                res += " (total: %s)" % total
        else:
            res = "Empty result!"

        await self.bot.say(":game_die: %s" % res)


def setup(bot):
    bot.add_cog(Dice(bot))

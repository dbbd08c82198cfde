"""Interactive menu of a Board Game Arena Discord bot.

Reproduction of the shape fixed in https://github.com/pocc/bga_discord/pull/26 ("Fix `coroutine
'Messageable.send' was never awaited`"): in the async trigger_interactive_response, every branch
awaited `message.channel.send(...)` but the one asking for a number between 1 and 3, which called
it as a statement; the reply was never sent. The fix added the await.
"""
import time

from cmd_sub_play import ctx_play
from cmd_sub_setup import ctx_setup
from cmd_sub_status import ctx_status
from discord_utils import send_options_embed


async def trigger_interactive_response(message, contexts, curr_ctx, args):
    """Route a user's message to the sub-menu they are in."""
    author = str(message.author)
    if message.content.startswith("cancel"):
        await message.channel.send("Canceled operation")
        contexts[author] = {}
        return
    if curr_ctx in ["setup", "play", "status"] or author not in contexts:
        contexts[author] = {"subcommand": curr_ctx, "timestamp": time.time()}
        in_five_min_window = True
    else:
        in_five_min_window = contexts[author]["timestamp"] > time.time() - 300
    if in_five_min_window:
        contexts[author]["timestamp"] = time.time()
        if contexts[author]["subcommand"] == "choose subprogram":
            if message.content.isdigit() and "1" <= message.content <= "3":
                contexts[author]["subcommand"] = ["setup", "play", "status"][int(message.content) - 1]
            else:
                message.channel.send("Enter a number between 1 and 3 (see embed above)")  # bug
                return
        if contexts[author]["subcommand"] == "timeout":
            await send_options_embed(message, "BGA bot option", ["setup", "play", "status"])
            contexts[author]["subcommand"] = "choose subprogram"
            return
        cmd = {"setup": ctx_setup, "play": ctx_play, "status": ctx_status}[contexts[author]["subcommand"]]
        await cmd(message, contexts, args)
    else:
        await message.channel.send("Session ended because you waited > 5min (start over).")

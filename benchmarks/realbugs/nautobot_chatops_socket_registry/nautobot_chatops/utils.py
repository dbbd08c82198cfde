"""Command dispatch (reproduction, see sockets/slack.py)."""
import asyncio


async def socket_check_and_enqueue_command(registry, command, subcommand, params, context, dispatcher_class):
    """Run the command's worker function for the socket client."""
    function = registry[command]["function"]
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, function, subcommand, params, context, dispatcher_class)

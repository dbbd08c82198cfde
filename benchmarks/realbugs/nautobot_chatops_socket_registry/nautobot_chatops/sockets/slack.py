"""WebSocket client that receives Slack notifications, parses them and runs the commands.

Reproduction of the shape fixed in https://github.com/nautobot/nautobot-app-chatops/issues/348 (pull
request #350, commit 3a83a6ae69ac0f6017b1cc3c71ac569d88642147, "Resolve synchronous function running
in the Async Slack Socket Mode"): the coroutines nested in main() (process_slash_command,
process_interactive, process_mention, registered as the socket client's request listener) call
get_commands_registry() of nautobot_chatops/workers, a plain function that walks the installed
entry points with pkg_resources and imports each worker (worker.load()), on the event loop; in
Socket Mode it failed with "SynchronousOnlyOperation: You cannot call this from an async context".
The fix awaited sync_to_async(get_commands_registry)() at the three calls, which are marked.
"""
import asyncio

from django.conf import settings
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from nautobot_chatops.utils import socket_check_and_enqueue_command
from nautobot_chatops.workers import get_commands_registry, parse_command_string


class SlackDispatcher:
    def __init__(self, context):
        self.context = context


async def main():
    """Slack Socket Main Loop."""
    config = settings.PLUGINS_CONFIG["nautobot_chatops"]
    SLASH_PREFIX = config.get("slack_slash_command_prefix")
    client = SocketModeClient(app_token=config.get("slack_app_token"), web_client=AsyncWebClient(token=config["slack_api_token"]))

    async def process(client: SocketModeClient, req: SocketModeRequest):
        if req.type == "slash_commands":
            await client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            await process_slash_command(client, req)
        if req.type == "interactive":
            await client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            await process_interactive(client, req)
        if req.type == "events_api" and req.payload.get("event", {}).get("type") == "app_mention":
            await client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            await process_mention(client, req)

    async def process_slash_command(client, req):
        command = req.payload.get("command").replace(SLASH_PREFIX, "")
        context = {"channel_id": req.payload.get("channel_id"), "user_id": req.payload.get("user_id")}
        try:
            command, subcommand, params = parse_command_string(f"{command} {req.payload.get('text')}")
        except ValueError as err:
            client.logger.error("%s", err)
            return
        registry = get_commands_registry()  # bug
        if command not in registry:
            client.logger.warning("Unknown command %s", command)
            return
        return await socket_check_and_enqueue_command(registry, command, subcommand, params, context, SlackDispatcher)

    async def process_interactive(client, req):
        payload = req.payload
        context = {"channel_id": payload.get("channel", {}).get("id"), "user_id": payload.get("user", {}).get("id")}
        if not payload.get("actions"):
            client.logger.error("I didn't understand that notification.")
            return
        action = payload["actions"][0]
        try:
            command, subcommand, params = parse_command_string(f"{action.get('action_id', '')} '{action.get('value', '')}'")
        except ValueError as err:
            client.logger.error("%s", err)
            return
        registry = get_commands_registry()  # bug
        if command not in registry:
            client.logger.warning("Unknown command %s", command)
            return
        return await socket_check_and_enqueue_command(registry, command, subcommand, params, context, SlackDispatcher)

    async def process_mention(client, req):
        event = req.payload.get("event", {})
        context = {"channel_id": event.get("channel"), "user_id": event.get("user")}
        bot_id = req.payload.get("authorizations", [{}])[0].get("user_id")
        text_after_mention = event.get("text").split(f"<@{bot_id}>")[-1].replace(SLASH_PREFIX, "")
        try:
            command, subcommand, params = parse_command_string(text_after_mention)
        except ValueError as err:
            client.logger.error("%s", err)
            return
        registry = get_commands_registry()  # bug
        if command not in registry:
            client.logger.warning("Unknown command %s", command)
            return
        return await socket_check_and_enqueue_command(registry, command, subcommand, params, context, SlackDispatcher)

    client.socket_mode_request_listeners.append(process)
    await client.connect()
    await asyncio.sleep(float("inf"))

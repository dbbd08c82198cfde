"""Run a command for an interaction and hand its response back through the future (REST bots)."""
from __future__ import annotations

from asyncio import Future
from typing import Any


async def handle_resp(client: Any, interaction: Any, future: Future | None) -> None:
    command = client.commands.find(interaction.command_name)
    response = await command.invoke(interaction)
    if future is not None:
        future.set_result(response)
    else:
        await interaction.create_initial_response(response)

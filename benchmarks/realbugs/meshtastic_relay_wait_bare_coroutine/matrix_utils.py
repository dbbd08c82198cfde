"""The Matrix side of the relay (matrix-nio's AsyncClient)."""
import logging

from nio import AsyncClient

logger = logging.getLogger("Matrix")


async def connect_matrix(config: dict) -> AsyncClient:
    client = AsyncClient(config["homeserver"], config["bot_user_id"])
    client.access_token = config["access_token"]
    return client


async def join_matrix_room(client: AsyncClient, room_id: str) -> None:
    await client.join(room_id)


async def on_room_message(room, event) -> None:
    logger.info("message in %s: %s", room.room_id, event.body)

"""Relay between a Meshtastic mesh network and Matrix rooms.

Reproduction of the shape fixed in https://github.com/jeremiah-k/meshtastic-matrix-relay/pull/78
(commit e23a48126467b2379be24d8cff595ac0c6cc75fa, "Wrap the coroutine in a task using
asyncio.create_task() before passing it to asyncio.wait()"): the coroutine main() races the Matrix
sync task against shutdown with `await asyncio.wait([sync_task, shutdown_event.wait()], ...)`;
shutdown_event is a local asyncio.Event, so its wait() is a bare coroutine, which asyncio.wait
refuses from Python 3.11 (TypeError) and wraps in a task nobody keeps before that. The fix made it
a task first (shutdown_task = asyncio.create_task(shutdown_event.wait())).
"""
import asyncio
import signal
import sys

from nio import RoomMessageNotice, RoomMessageText

import meshtastic_utils
from matrix_utils import connect_matrix, join_matrix_room, logger as matrix_logger, on_room_message


async def main(config: dict) -> None:
    matrix_client = await connect_matrix(config["matrix"])
    for room in config["matrix_rooms"]:
        await join_matrix_room(matrix_client, room["id"])
    matrix_client.add_event_callback(on_room_message, (RoomMessageText, RoomMessageNotice))

    shutdown_event = asyncio.Event()

    async def shutdown():
        matrix_logger.info("Shutdown signal received. Closing down...")
        meshtastic_utils.shutting_down = True
        shutdown_event.set()

    if sys.platform != "win32":
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, shutdown_event.set)

    try:
        while not shutdown_event.is_set():
            try:
                matrix_logger.info("Starting Matrix sync loop...")
                sync_task = asyncio.create_task(matrix_client.sync_forever(timeout=30000))
                await asyncio.wait(
                    [sync_task, shutdown_event.wait()],  # bug
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if shutdown_event.is_set():
                    sync_task.cancel()
                    try:
                        await sync_task
                    except asyncio.CancelledError:
                        pass
                    break
            except Exception as e:
                if shutdown_event.is_set():
                    break
                matrix_logger.error(f"Error syncing with Matrix server: {e}")
                await asyncio.sleep(5)
    except KeyboardInterrupt:
        await shutdown()
    finally:
        await matrix_client.close()


if __name__ == "__main__":
    asyncio.run(main({"matrix": {}, "matrix_rooms": []}))

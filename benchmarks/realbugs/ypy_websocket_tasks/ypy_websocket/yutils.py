def create_update_message(update: bytes) -> bytes:
    return b"\x00\x02" + update


async def sync(ydoc, websocket, log) -> None:
    await websocket.send(b"\x00\x00")


def put_updates(update_queue, ydoc, event) -> None:
    update_queue.put_nowait(event.get_update())

import asyncio

from src.user import BiliUser


async def main(users: list[dict], config: dict) -> None:
    bili_users = [BiliUser(u["access_key"], config) for u in users]
    start_tasks = [user.start() for user in bili_users]
    await asyncio.gather(*start_tasks)


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(main([{"access_key": "..."}], {"WATCHINGLIVE": 30}))

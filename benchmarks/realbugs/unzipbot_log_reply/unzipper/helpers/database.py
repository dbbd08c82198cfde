from motor.motor_asyncio import AsyncIOMotorClient

from config import Config

mongodb = AsyncIOMotorClient(Config.MONGODB_URL)
unzipper_db = mongodb["Unzipper_Bot"]

uploaded_db = unzipper_db["uploaded_count_db"]


async def get_uploaded(user_id):
    up_count = await uploaded_db.find_one({"_id": user_id})
    if up_count:
        return up_count["uploaded_files"]
    return 0


async def update_uploaded(user_id, upload_count):
    is_exist = await uploaded_db.find_one({"_id": user_id})
    if is_exist:
        new_count = get_uploaded(user_id) + upload_count  # also
        await uploaded_db.update_one({"_id": user_id}, {"$set": {"uploaded_files": new_count}})
    else:
        await uploaded_db.insert_one({"_id": user_id, "uploaded_files": upload_count})

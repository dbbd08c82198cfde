"""Settings of a discord.py community bot (reproduction, see plugins/MCWhitelist)."""
import os

from motor.motor_asyncio import AsyncIOMotorClient

mongo_client = AsyncIOMotorClient(os.environ.get("MONGO_URL", "mongodb://localhost"))
WHITELIST_HTTP_API_BEARER_TOKEN = os.environ.get("WHITELIST_TOKEN", "")
WHITELIST_HTTP_API_BASE = os.environ.get("WHITELIST_URL", "http://localhost:8080/whitelist")

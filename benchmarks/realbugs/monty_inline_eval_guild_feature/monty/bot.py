"""The bot class; guild_has_feature is a coroutine (it may load the feature from the database)."""
import asyncio
from typing import Optional

from disnake.ext import commands


class Monty(commands.Bot):
    def __init__(self, db, **kwargs):
        super().__init__(**kwargs)
        self.db = db
        self.features: dict = {}
        self._feature_db_lock = asyncio.Lock()

    async def guild_has_feature(self, guild: Optional[int], feature: str, *, create_if_not_exists: bool = True) -> bool:
        """Return whether the guild has the feature, loading the feature once under a lock."""
        feature_instance = self.features.get(feature)
        if feature_instance is None:
            async with self._feature_db_lock:
                feature_instance = await self.db.get_feature(feature, create=create_if_not_exists)
                self.features[feature] = feature_instance
        if feature_instance is not None and feature_instance.enabled is not None:
            return feature_instance.enabled
        if guild is None:
            return False
        return guild in feature_instance.guild_ids

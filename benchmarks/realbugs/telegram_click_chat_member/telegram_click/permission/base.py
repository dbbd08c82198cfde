from abc import abstractmethod

from telegram import Update
from telegram.ext import ContextTypes


class Permission:

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        return await self.evaluate(update, context)

    @abstractmethod
    async def evaluate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        raise NotImplementedError()

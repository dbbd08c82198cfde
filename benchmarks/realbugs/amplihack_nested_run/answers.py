import asyncio


class Agent:
    async def _answer(self, question):
        return question

    def answer(self, question):
        return asyncio.run(self._answer(question))

    async def run_level(self, question):
        return self.answer(question)  # bug

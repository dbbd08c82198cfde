class CurrencyAgent:
    async def invoke(self, query: str) -> str:
        return f"converted: {query}"

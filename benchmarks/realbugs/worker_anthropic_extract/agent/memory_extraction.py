import anthropic


class MemoryExtractor:
    def __init__(self, api_key):
        self.client = anthropic.Anthropic(api_key=api_key)

    async def extract_observations(self, transcript):
        reply = self.client.messages.create(  # bug
            model="claude-haiku",
            max_tokens=512,
            messages=[{"role": "user", "content": transcript}],
        )
        return reply.content

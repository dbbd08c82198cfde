"""Neuron storage in Redis (reproduction, see metagraph.py)."""


class NeuronDatabase:
    def __init__(self, redis):
        self.redis = redis

    async def get_neurons(self):
        keys = await self.redis.keys("neuron:*")
        return {key: await self.redis.hgetall(key) for key in keys}

    async def update_neurons(self, neurons):
        for neuron in neurons:
            await self.redis.hset(f"neuron:{neuron['hotkey']}", mapping=neuron)

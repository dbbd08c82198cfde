class ManagementEnforcer:
    def __init__(self, adapter, rm_map):
        self.adapter = adapter
        self.rm_map = rm_map

    async def get_filtered_policy(self, field_index, *field_values):
        rules = await self.adapter.load_rules()
        return [rule for rule in rules if rule[field_index] == field_values[0]]

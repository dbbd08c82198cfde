"""A stand-in plugin module (reproduction, see __init__.py)."""


class solax_plugin:
    order16 = "big"
    order32 = "big"

    async def async_determineInverterType(self, hub, configdict):
        return 0


plugin_instance = solax_plugin()

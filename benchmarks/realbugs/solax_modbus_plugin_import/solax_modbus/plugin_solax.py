class SolaxPlugin:
    name = "solax"


PLUGIN_INSTANCE = SolaxPlugin()

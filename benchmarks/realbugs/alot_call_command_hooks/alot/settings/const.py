"""Global settings of the mail client (reduced): the user's hooks module, loaded from the config."""
import importlib.util


class SettingsManager:
    def __init__(self):
        self.hooks = None

    def read_config(self, hooks_path):
        spec = importlib.util.spec_from_file_location("hooks", hooks_path)
        self.hooks = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.hooks)


settings = SettingsManager()

import importlib
from pathlib import Path


class TemplateFunctionManager:
    def __init__(self, hass):
        self.hass = hass
        self.functions = {}

    async def async_setup(self):
        for module_file in Path(__file__).parent.rglob("ectoplasms/*/templating/*.py"):  # bug
            if module_file.name == "__init__.py":
                continue
            module_path = str(module_file.relative_to(Path(__file__).parent))[:-3]
            module = importlib.import_module(f".{module_path.replace('/', '.')}", __package__)  # bug
            function = module.SpookTemplateFunction(self.hass)
            self.functions[function.name] = function

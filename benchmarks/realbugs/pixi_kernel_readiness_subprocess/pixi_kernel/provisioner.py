from pathlib import Path

from .pixi import ensure_readiness


class PixiKernelProvisioner:
    async def pre_launch(self, **kwargs):
        cwd = Path(kwargs.get("cwd", "."))
        await ensure_readiness(cwd=cwd, env=dict(kwargs.get("env", {})), required_package="ipykernel")
        return kwargs

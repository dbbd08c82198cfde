"""pixi-kernel: checks that a Pixi project is ready before the Jupyter kernel starts.

Reproduction of the shape fixed in https://github.com/renan-r-santos/pixi-kernel/pull/37
("Make subprocess calls async", commit 48c5ee1): the async ensure_readiness ran `pixi --version`,
`pixi info --json`, `pixi project version get` and `pixi install` through subprocess.run, each
blocking the kernel provisioner's event loop for the whole command.
"""
from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

logger = logging.getLogger(__name__)

MINIMUM_PIXI_VERSION = "0.30.0"


async def ensure_readiness(*, cwd: Path, env: dict[str, str], required_package: str) -> str:
    if shutil.which("pixi", path=env.get("PATH")) is None:
        raise RuntimeError("pixi not found")

    result = subprocess.run(["pixi", "--version"], capture_output=True, env=env, text=True)  # bug
    if result.returncode != 0 or not result.stdout.startswith("pixi "):
        raise RuntimeError("unsupported pixi")

    result = subprocess.run(  # also
        ["pixi", "info", "--json"],
        cwd=cwd,
        capture_output=True,
        env=env,
        text=True,
    )
    logger.info(f"pixi info stdout: {result.stdout}")
    if result.returncode != 0:
        raise RuntimeError(f"Failed to run 'pixi info': {result.stderr}")

    result = subprocess.run(["pixi", "install"], cwd=cwd, capture_output=True, env=env, text=True)  # also
    if result.returncode != 0:
        raise RuntimeError(f"Failed to run 'pixi install': {result.stderr}")
    return "default"

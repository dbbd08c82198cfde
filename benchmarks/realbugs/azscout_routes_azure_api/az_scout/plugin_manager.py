from dataclasses import dataclass, field

import requests


@dataclass
class PluginValidationResult:
    ok: bool
    errors: list[str] = field(default_factory=list)


def validate_plugin_repo(repo_url: str, ref: str = "") -> PluginValidationResult:
    owner_repo = repo_url.rstrip("/").split("github.com/")[-1]
    resp = requests.get(f"https://api.github.com/repos/{owner_repo}", timeout=15)
    if resp.status_code != 200:
        return PluginValidationResult(False, [f"repository not found: {owner_repo}"])
    return PluginValidationResult(True)

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .file_watcher import GitFileWatcher


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    repo_path = hass.config.config_dir
    file_watcher = None
    if entry.data.get("auto_commit", False):
        file_watcher = GitFileWatcher(hass, repo_path, entry.data.get("commit_interval", 300))
        await file_watcher.async_start()
    hass.data.setdefault("git_ha_ppens", {})[entry.entry_id] = {"file_watcher": file_watcher}
    return True

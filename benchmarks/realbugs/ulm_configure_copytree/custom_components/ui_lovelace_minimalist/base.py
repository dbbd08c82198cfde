"""UI Lovelace Minimalist's base object: copies its dashboards, cards and themes at set-up.

Reproduction of the shape reported in https://github.com/UI-Lovelace-Minimalist/UI/issues/1501
(closed): Home Assistant detected the `shutil.copytree(` of base.py opening files inside the event
loop; the async configure_ulm did all its directory and file copies in the coroutine itself. The
fix grouped them in a nested sync function run with hass.async_add_executor_job.
"""
import logging
import shutil
from pathlib import Path

from homeassistant.core import HomeAssistant

DOMAIN = "ui_lovelace_minimalist"


class UlmBase:
    def __init__(self, hass: HomeAssistant, integration_dir: str) -> None:
        self.hass = hass
        self.integration_dir = integration_dir
        self.templates_dir = Path(hass.config.path(f"{DOMAIN}/__ui_minimalist__/ulm_templates"))
        self.log = logging.getLogger(__name__)

    async def configure_ulm(self) -> bool:
        """Configure initial dashboard & cards directory."""
        base_dir = Path(self.hass.config.path(DOMAIN))
        integration_lovelace = Path(self.integration_dir) / "lovelace"
        dashboard_file = base_dir / "dashboard" / "ui-lovelace.yaml"

        for folder in ["dashboard", "custom_cards", "custom_actions"]:
            (base_dir / folder).mkdir(parents=True, exist_ok=True)  # bug
        self.templates_dir.mkdir(parents=True, exist_ok=True)  # bug
        if not dashboard_file.exists():  # also
            shutil.copy2(integration_lovelace / "ui-lovelace.yaml", dashboard_file)  # bug
        shutil.copytree(  # bug
            integration_lovelace / "ulm_templates",
            self.templates_dir,
            dirs_exist_ok=True,
        )
        shutil.copytree(  # bug
            base_dir / "custom_cards",
            self.templates_dir / "custom_cards",
            dirs_exist_ok=True,
        )
        self.hass.bus.async_fire("ui_lovelace_minimalist_reload")
        return True

"""Invoice controller of a utility-bill portal integration (Home Assistant custom integration).

Reproduction of the shape reported in https://github.com/laszlojakab/homeassistant-dijnet/issues/88
(Detected blocking call to open ... at controller.py: with open(registry_filename) as file:) and
fixed in pull request https://github.com/laszlojakab/homeassistant-dijnet/pull/91 (merge
https://github.com/laszlojakab/homeassistant-dijnet/commit/a576240d1506e8bc3460028f06da100297e55512):
the async update_invoices called self._initialize_registry_and_unpaid_invoices(), a sync method of
the same class that opens the registry and paid-invoice YAML files, and itself wrote the downloaded
invoice, the paid-invoice file and the registry with `with open(...)`. The fix made the helper
async and used anyio.open_file everywhere; makedirs and path.exists stayed.
"""
import logging
from datetime import datetime, timedelta
from os import makedirs, path
from typing import Any, Dict, List

import yaml

from .dijnet_session import DijnetSession

_LOGGER = logging.getLogger(__name__)

ATTR_REGISTRY_NEXT_QUERY_DATE = "next_query_date"
MIN_DATE = "2000-01-01"


def get_registry_filename(username: str) -> str:
    return f".dijnet_registry_{username}.yaml"


def get_paid_invoices_filename(username: str) -> str:
    return f".dijnet_paid_invoices_{username}.yaml"


class DijnetController:
    def __init__(self, username: str, password: str, download_dir: str = "") -> None:
        self._username = username
        self._password = password
        self._download_dir = download_dir
        self._registry: Dict[str, str] = None
        self._unpaid_invoices: List[Dict[str, Any]] = []
        self._paid_invoices: List[Dict[str, Any]] = []

    async def update_invoices(self):
        """Updates the invoice lists."""
        if self._registry is None:
            self._initialize_registry_and_unpaid_invoices()  # bug

        async with DijnetSession() as session:
            if not await session.post_login(self._username, self._password):
                return

            from_date = self._registry[ATTR_REGISTRY_NEXT_QUERY_DATE]
            to_date = datetime.now().date().isoformat()
            new_paid_invoices = []
            for invoice in await session.search_invoices(from_date, to_date):
                if invoice.get("paid"):
                    new_paid_invoices.append(invoice)
                if self._download_dir != "":
                    directory = path.join(self._download_dir, invoice["provider"])
                    makedirs(directory, exist_ok=True)  # also
                    full_path = path.join(directory, invoice["filename"])
                    if not path.exists(full_path):  # also
                        file_content = await session.download(invoice["url"])
                        with open(full_path, "wb") as file:  # bug
                            file.write(file_content)

            if len(new_paid_invoices) > 0:
                with open(get_paid_invoices_filename(self._username), "a") as file:  # bug
                    file.write("\n")
                    yaml.dump(new_paid_invoices, file, default_flow_style=False)

            next_query_date = (datetime.fromisoformat(to_date) - timedelta(days=31)).date().isoformat()
            registry = {ATTR_REGISTRY_NEXT_QUERY_DATE: next_query_date}

            with open(get_registry_filename(self._username), "w") as file:  # bug
                yaml.dump(registry, file, default_flow_style=False)

            self._registry = registry
            self._paid_invoices = self._paid_invoices + new_paid_invoices

    def _initialize_registry_and_unpaid_invoices(self):
        paid_invoices = None
        registry = None
        paid_invoices_filename = get_paid_invoices_filename(self._username)
        registry_filename = get_registry_filename(self._username)
        try:
            with open(registry_filename) as file:
                registry = yaml.safe_load(file)
            with open(paid_invoices_filename) as file:
                paid_invoices = yaml.safe_load(file) or []
        except FileNotFoundError:
            _LOGGER.debug('"%s" or "%s" not found.', paid_invoices_filename, registry_filename)
            paid_invoices = []
            registry = {ATTR_REGISTRY_NEXT_QUERY_DATE: MIN_DATE}

        self._paid_invoices = paid_invoices
        self._registry = registry

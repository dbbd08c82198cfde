"""Facade: the routes use ``azure_api.X`` while the functions live in submodules."""

from az_scout.azure_api.discovery import list_subscriptions, list_tenants
from az_scout.azure_api.skus import enrich_skus_with_prices, get_skus

__all__ = ["enrich_skus_with_prices", "get_skus", "list_subscriptions", "list_tenants"]

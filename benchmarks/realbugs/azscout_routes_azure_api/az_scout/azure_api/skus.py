import requests

from az_scout.azure_api._pagination import _paginate

PRICES = "https://prices.azure.com/api/retail/prices"


def get_skus(region: str, subscription_id: str) -> list[dict]:
    url = f"https://management.azure.com/subscriptions/{subscription_id}/skus?region={region}"
    return _paginate(url, {})


def enrich_skus_with_prices(skus: list[dict], region: str, currency: str) -> None:
    for sku in skus:
        resp = requests.get(PRICES, params={"region": region, "sku": sku["name"]}, timeout=15)
        sku["price"] = resp.json().get("Items", [{}])[0].get("retailPrice")

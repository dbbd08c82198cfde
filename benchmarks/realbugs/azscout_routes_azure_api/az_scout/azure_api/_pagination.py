import requests


def _paginate(url: str, headers: dict[str, str]) -> list[dict]:
    items: list[dict] = []
    while url:
        resp = requests.get(url, headers=headers, timeout=30)
        resp.raise_for_status()
        body = resp.json()
        items.extend(body.get("value", []))
        url = body.get("nextLink", "")
    return items

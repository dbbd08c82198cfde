from az_scout.azure_api._pagination import _paginate

MGMT = "https://management.azure.com"


def _headers(tenant_id: str | None) -> dict[str, str]:
    return {"x-tenant": tenant_id or ""}


def list_tenants(tenant_id: str | None = None) -> dict:
    tenants = _paginate(f"{MGMT}/tenants", _headers(tenant_id))
    return {"tenants": [t["tenantId"] for t in tenants]}


def list_subscriptions(tenant_id: str | None = None) -> list[dict]:
    subs = _paginate(f"{MGMT}/subscriptions", _headers(tenant_id))
    return [{"id": s["subscriptionId"]} for s in subs if s.get("state") == "Enabled"]

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from az_scout import azure_api
from az_scout.routes import router as plugin_manager_router

app = FastAPI()
app.include_router(plugin_manager_router)


@app.get("/api/tenants")
async def list_tenants() -> JSONResponse:
    return JSONResponse(azure_api.list_tenants())  # bug


@app.get("/api/subscriptions")
async def list_subscriptions(tenantId: str | None = None) -> JSONResponse:
    return JSONResponse(azure_api.list_subscriptions(tenantId))  # bug


@app.get("/api/skus")
async def get_skus(region: str, subscriptionId: str, currencyCode: str = "USD") -> JSONResponse:
    skus = azure_api.get_skus(region, subscriptionId)  # bug
    azure_api.enrich_skus_with_prices(skus, region, currencyCode)  # bug
    return JSONResponse(skus)

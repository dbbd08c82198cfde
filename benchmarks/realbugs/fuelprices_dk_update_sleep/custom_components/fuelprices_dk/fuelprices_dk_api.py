"""Plain (synchronous) client of the fuel companies' price pages; refreshPrices runs in the executor."""
from __future__ import annotations

import requests

FUEL_COMPANIES = {"ok": {"name": "OK", "url": "https://www.ok.dk/privat/produkter/benzinkort/priser"}}


class fuelprices:
    def __init__(self):
        self._fuelCompanies = {}

    def loadCompanies(self, companyKeys):
        for companyKey in companyKeys or FUEL_COMPANIES.keys():
            if companyKey in FUEL_COMPANIES:
                self._fuelCompanies[companyKey] = fuelCompany(companyKey, FUEL_COMPANIES[companyKey]["url"])

    def getCompanies(self):
        return list(self._fuelCompanies.values())


class fuelCompany:
    def __init__(self, key, url):
        self._key = key
        self._url = url
        self._products = {}

    def refreshPrices(self):
        r = requests.get(self._url, timeout=10)
        self._products = r.json()

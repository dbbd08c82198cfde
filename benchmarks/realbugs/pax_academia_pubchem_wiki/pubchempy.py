"""Stand-in for the PubChemPy package: a synchronous client of PubChem's REST API (urllib)."""
import json
from urllib.request import urlopen

API_BASE = "https://pubchem.ncbi.nlm.nih.gov/rest/pug"


class Compound:
    def __init__(self, record):
        self.record = record
        self.cid = record["id"]["id"]["cid"]
        self.iupac_name = record.get("iupac_name")
        self.molecular_formula = record.get("molecular_formula")
        self.molecular_weight = record.get("molecular_weight")


def get_json(identifier, namespace="cid", domain="compound"):
    with urlopen(f"{API_BASE}/{domain}/{namespace}/{identifier}/JSON") as response:
        return json.loads(response.read().decode())


def get_compounds(identifier, namespace="cid"):
    results = get_json(identifier, namespace)
    return [Compound(record) for record in results["PC_Compounds"]] if results else []

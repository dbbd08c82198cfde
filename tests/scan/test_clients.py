"""The client libraries' computed entries of the blocking table (`advisor.lint.clients`):
a wait reached from a root through steps (and attributes where the library allows them)."""

from __future__ import annotations

import pickle

import pytest

from advisor.lint import clients
from advisor.lint._data import bundle

LISTED = bundle()["blocking"]["clients"]
LIBRARIES = clients.compile_clients(LISTED)


@pytest.mark.parametrize(
    ("name", "fix"),
    [
        ("google.cloud.firestore.Client().collection().document().get", "firestore"),
        ("google.cloud.firestore.Client().collection().where().limit().stream", "firestore"),
        ("pymongo.MongoClient().shop.orders.find_one", "mongo"),
        ("pymongo.MongoClient().get_database().orders.update_one", "mongo"),
        ("pystac_client.Client.open().search().items", "http"),
        ("boto3.Session().client().get_object", "aws"),
        ("boto3.resource().Bucket().upload_file", "aws"),
        ("elasticsearch.Elasticsearch().indices.refresh", "search"),
        ("paramiko.SSHClient().open_sftp().get", "ssh"),
    ],
)
def test_waits_are_blocking(name: str, fix: str) -> None:
    assert clients.client_entry(name, LIBRARIES) == {"fix": fix}


@pytest.mark.parametrize(
    "name",
    [
        # a step or a root alone sends nothing
        "google.cloud.firestore.Client().collection().document",
        "pymongo.MongoClient().shop.orders.find",
        "pymongo.MongoClient",
        # an attribute where the library has none, an unknown step, another library's object
        "google.cloud.firestore.Client().users.get",
        "pystac_client.Client.open().other().items",
        "google.cloud.firestore.AsyncClient().collection().document().get",
        "pymongo.MongoClientX().shop.orders.find_one",
    ],
)
def test_other_names_are_not(name: str) -> None:
    assert clients.client_entry(name, LIBRARIES) is None


def test_the_table_keeps_its_own_entries_and_pickles() -> None:
    table = clients.BlockingTable({"time.sleep": {"fix": "sleep"}}, LISTED)
    assert table.get("time.sleep") == {"fix": "sleep"}
    assert table.get("nothing.here") is None
    assert "pymongo.MongoClient().a.b.find_one" not in table  # only `get` computes
    copy = pickle.loads(pickle.dumps(table))
    assert copy.get("pymongo.MongoClient().a.b.find_one") == {"fix": "mongo"}
    assert dict(copy) == dict(table)


def test_every_client_fix_has_its_texts() -> None:
    fixes = bundle()["blocking"]["fixes"]
    for spec in LISTED.values():
        assert spec["fix"] in fixes
        assert set(spec) <= {"fix", "roots", "steps", "attributes", "waits"}

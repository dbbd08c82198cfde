"""Queries of the individuals collection: synchronous pymongo (reduced)."""
from typing import Optional

import yaml

from beacon.db import client


def get_docs_by_response_type(include, query, datasets_dict, dataset, limit, skip, mongo_collection, idq):
    ids = datasets_dict.get(dataset, [])
    query = {"$and": [query, {idq: {"$in": ids}}]} if query else {idq: {"$in": ids}}
    dataset_count = mongo_collection.count_documents(query)
    docs = list(mongo_collection.find(query).skip(skip).limit(limit))
    return dataset_count, dataset_count, docs


def get_individuals(entry_id: Optional[str], qparams, dataset: str):
    mongo_collection = client.beacon.individuals
    query = {}
    schema = "beacon-individual-v2.0.0"
    with open("/beacon/beacon/request/datasets.yml", "r") as datasets_file:
        datasets_dict = yaml.safe_load(datasets_file)
    include = qparams.query.include_resultset_responses
    limit = qparams.query.pagination.limit
    skip = qparams.query.pagination.skip
    if limit > 100 or limit == 0:
        limit = 100
    count, dataset_count, docs = get_docs_by_response_type(include, query, datasets_dict, dataset, limit, skip, mongo_collection, "id")
    return schema, count, dataset_count, docs

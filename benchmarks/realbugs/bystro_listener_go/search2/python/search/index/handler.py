"""Indexing coroutine of a genomics search indexer (OpenSearch, Ray) (reproduction, see listener.py)."""
import os
from math import ceil

import ray
from opensearchpy._async.client import AsyncOpenSearch

from search.index.bystro_file import read_annotation_tarball


@ray.remote
class Indexer:
    def __init__(self, search_client_args, chunk_size=500):
        self.search_client_args = search_client_args
        self.chunk_size = chunk_size

    def run(self, chunk):
        return len(chunk), []


async def go(
    index_name: str,
    tar_path: str,
    annotation_conf: dict,
    mapping_conf: dict,
    search_conf: dict,
    chunk_size=500,
    paralleleism_chunk_size=5_000,
):
    search_client_args = dict(hosts=list(search_conf["connection"]["nodes"]), http_compress=True)
    client = AsyncOpenSearch(**search_client_args)

    index_body = {"settings": mapping_conf["index_settings"], "mappings": mapping_conf["mappings"]}
    if not index_body["settings"].get("number_of_shards"):
        file_size = os.path.getsize(tar_path)  # also
        index_body["settings"]["number_of_shards"] = ceil(float(file_size) / float(1e10))

    await client.indices.create(index_name, body=index_body)

    data = read_annotation_tarball(
        index_name=index_name, tar_path=tar_path, boolean_map={}, delimiters={}, chunk_size=paralleleism_chunk_size
    )
    actors = [Indexer.remote(search_client_args, chunk_size=chunk_size) for _ in range(4)]
    results = [actors[i % len(actors)].run.remote(x) for i, x in enumerate(data)]
    res = ray.get(results)
    print(f"Processed {sum(x[0] for x in res)} records")

    await client.indices.put_settings(index=index_name, body=mapping_conf["post_index_settings"])
    await client.close()
    return data.get_header_fields(), index_body["mappings"]

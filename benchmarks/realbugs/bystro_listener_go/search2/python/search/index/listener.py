"""Beanstalkd job listener of a genomics search indexer.

Reproduction of the shape fixed in https://github.com/bystrogenomics/bystro/pull/93 (commit b6e126c,
"fix calling of async handler"): the indexing handler go() had become a coroutine function, and the
synchronous queue listener kept calling it like a function: no indexing ran, and the coroutine
object went into the "completed" message, whose serialization failed. The fix ran it with
asyncio.get_event_loop().run_until_complete(go(**handler_args)).
"""
import glob
import os
import traceback

from orjson import dumps, loads
from pystalk import BeanstalkClient, BeanstalkError
from ruamel.yaml import YAML

from search.index.handler import go


def _get_config_file_path(config_path_base_dir: str, assembly, suffix: str):
    paths = glob.glob(os.path.join(config_path_base_dir, assembly + suffix))
    if not paths:
        raise Exception(f"No config path found for the assembly {assembly}")
    return paths[0]


def _coerce_inputs(job_details, config_path_base_dir, search_conf):
    mapping_config_path = _get_config_file_path(config_path_base_dir, job_details["assembly"], ".mapping.y*ml")
    with open(mapping_config_path, "r", encoding="utf-8") as f:
        mapping_config = YAML(typ="safe").load(f)
    tar_path = os.path.join(job_details["inputDir"], job_details["archived"])
    return {
        "index_name": job_details["indexName"],
        "tar_path": tar_path,
        "annotation_conf": {},
        "mapping_conf": mapping_config,
        "search_conf": search_conf,
    }


def listen(queue_conf: dict, search_conf: dict, config_path_base_dir: str):
    tube_conf = queue_conf["tubes"]["index"]
    events_conf = queue_conf["events"]
    client = BeanstalkClient(queue_conf["host"], queue_conf["port"], socket_timeout=10)

    while True:
        client.watch(tube_conf["submission"])
        try:
            job = client.reserve_job(5)
            job_data: dict = loads(job.job_data)
            handler_args = _coerce_inputs(job_data, config_path_base_dir, search_conf)
        except BeanstalkError as err:
            if err.message == "TIMED_OUT":
                continue
            raise err
        try:
            msg = {"event": events_conf["started"], "queueID": job.job_id, "submissionID": job_data["submissionID"]}
            client.put_job_into(tube_conf["events"], dumps(msg))
            field_names = go(**handler_args)  # bug

            msg["event"] = events_conf["completed"]
            msg["indexConfig"] = handler_args["mapping_conf"]
            msg["fieldNames"] = field_names

            client.put_job_into(tube_conf["events"], dumps(msg))
            client.delete_job(job.job_id)
        except BeanstalkError as err:
            print(f"Received error during execution: {err}")
            client.release_job(job.job_id)
        except Exception:
            traceback.print_exc()
            client.release_job(job.job_id)

# pylint: disable=broad-except

import pickle
import zlib
from multiprocessing import Process, Queue

import pytest
from pendulum import duration

from gsy_e.gsy_e_core.rq_job_handler import launch_simulation_from_rq_job


class TestRQJobUtils:
    """Test RQ-related utilities."""

    @staticmethod
    def test_launch_simulation_from_rq_job():
        """Run launch_simulation_from_rq_job in another process, so its changes to global
        settings cannot leak into other tests."""

        def fn(queue, **kwargs):
            """Launch the simulation and push its exception, if any, to the result queue."""
            try:
                launch_simulation_from_rq_job(**kwargs)
            except Exception as exc:  # noqa
                queue.put(exc)
                raise exc

        results_queue = Queue()
        process = Process(  # bug
            target=fn,
            args=(results_queue,),
            kwargs={
                "scenario": zlib.compress(pickle.dumps("default_2a")),
                "settings": {"duration": duration(days=1), "slot_length": duration(hours=1)},
                "events": None,
                "job_id": "TEST_SIM_RUNS",
            },
        )
        process.start()
        process.join()
        if process.exitcode != 0:
            pytest.fail(results_queue.get())

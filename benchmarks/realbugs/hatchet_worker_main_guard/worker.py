"""First worker of the Hatchet self-hosting guide (Python tab).

Reproduction of the snippet fixed in https://github.com/hatchet-dev/hatchet/pull/1011 (commit
85e285d, "Fixed problem in the Python version of the example worker."): the documented worker.py
built the worker and called worker.start() at module level; the Hatchet SDK's worker starts its
action listener in a new process, which with the spawn start method re-imports the main module and
fails with "An attempt has been made to start a new process before the current process has
finished its bootstrapping phase". The fix moved the three lines under `if __name__ == "__main__":`.
"""
from dotenv import load_dotenv
from hatchet_sdk import Hatchet

load_dotenv()

hatchet = Hatchet(debug=True)


@hatchet.workflow(name="first-python-workflow", on_events=["user:create"])
class MyWorkflow:
    @hatchet.step()
    def step1(self, context):
        return {"result": "success"}


worker = hatchet.worker("first-worker")
worker.register_workflow(MyWorkflow())

worker.start()  # bug

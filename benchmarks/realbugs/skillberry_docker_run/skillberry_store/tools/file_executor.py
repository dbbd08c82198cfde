import os
import tempfile

import docker


class FileExecutor:
    def __init__(self, name: str, file_content: str):
        self.name = name
        self.file_content = file_content
        self.client = docker.from_env()

    def execute_python_file_using_docker(self, parameters, env_id=None):
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
            handle.write(self.file_content)
            temp_file_path = handle.name
        try:
            args = " ".join(f"--{k}={v}" for k, v in (parameters or {}).items())
            output = self.client.containers.run(
                "public.ecr.aws/docker/library/python:3.11",
                command=f"/bin/bash -c 'python /tmp/function.py {args}'",
                volumes={temp_file_path: {"bind": "/tmp/function.py", "mode": "ro"}},
                remove=True,
                detach=False,
                stderr=True,
                stdout=True,
                environment={"PYTHONUNBUFFERED": "1"},
            )
            return {"output": output.decode()}
        finally:
            os.unlink(temp_file_path)

import subprocess


def run_executable_sync(path, args):
    done = subprocess.run([path, *args], capture_output=True, text=True, check=False)
    return {"rc": done.returncode, "out": done.stdout}

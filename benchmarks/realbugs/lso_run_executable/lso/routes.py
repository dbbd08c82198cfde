from lso.execute import run_executable_sync


async def run_executable_endpoint(params):
    result = run_executable_sync(params["name"], params["args"])  # bug
    return result

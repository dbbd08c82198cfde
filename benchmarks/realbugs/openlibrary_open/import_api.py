async def read_batch(path):
    lines = open(path).read().splitlines()  # bug
    return [line for line in lines if line]

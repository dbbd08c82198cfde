async def serve_file(request, path):
    with open(path, "rb") as handle:  # bug
        body = handle.read()
    return body

async def close_tracer(app):
    app["tracer"].close()  # bug

APP_TRACER_KEY = "aiozipkin_tracer"


def setup(app, tracer, tracer_key=APP_TRACER_KEY):
    app[tracer_key] = tracer

    async def close_tracer(app):
        app[tracer_key].close()  # bug

    app.on_cleanup.append(close_tracer)
    return app

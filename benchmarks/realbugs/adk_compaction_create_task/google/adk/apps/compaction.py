"""Sliding-window compaction of session events."""


async def _run_compaction_for_sliding_window(app, session, session_service) -> None:
    config = app.events_compaction_config
    if len(session.events) < config.compaction_interval:
        return
    summary = await config.summarizer.maybe_summarize_events(session.events[: -config.overlap_size])
    if summary is not None:
        await session_service.append_event(session=session, event=summary)

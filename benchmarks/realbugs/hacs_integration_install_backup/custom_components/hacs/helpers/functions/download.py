"""Downloads (reproduction, see ../methods/installation.py)."""


async def download_content(repository):
    session = repository.hacs.session
    for content in repository.content.objects:
        async with session.get(content.download_url) as response:
            await repository.hacs.hass.async_add_executor_job(
                repository.save_file, content.path, await response.read()
            )

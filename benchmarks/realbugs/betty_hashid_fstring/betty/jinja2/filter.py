"""Jinja2 filters.

Reproduction of the shape fixed in https://github.com/bartfeenstra/betty/pull/1446 ("Fix an
unawaited promise"): inside the async filter_image (a @pass_context Jinja2 filter), the cache id was
built with f'{hashid_file_meta(file.path)}:...', an async helper of another module (absolute
from-import) called without await: the id held the coroutine's repr, never the hash, so every
image got a new cache entry. The fix awaited the call inside the f-string.
"""

from urllib.parse import quote

from jinja2 import pass_context
from jinja2.runtime import Context

from betty.hashid import hashid_file_meta


@pass_context
async def filter_image(context: Context, file, width: int | None = None, height: int | None = None) -> str:
    app = context.resolve("app")
    destination_name = f"{file.id}-{width or ''}x{height or ''}{file.path.suffix}"
    cache_item_id = f'{hashid_file_meta(file.path)}:{"" if width is None else width}:{"" if height is None else height}'  # bug
    async with app.cache.with_scope("filter_image").getset(cache_item_id, wait=False) as (cache_item, setter):
        if cache_item is None and setter is not None:
            await setter(True)
            await app.resize_image(file.path, destination_name, width, height)
    return f"/file/{quote(destination_name)}"

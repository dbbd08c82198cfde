"""Rebuild steps run by the async client.

Reproduction of the shape fixed in https://github.com/ggozad/haiku.rag/commit/22b43971483ef79f9efcdcde076538592df4911e
(report: https://github.com/ggozad/haiku.rag/issues/457): an async function serialized the whole
document (pydantic model_dump_json) and passed it to compress_docling_split, imported inside the
function from another module, which parses the JSON and zstd-compresses it: CPU work on the loop.
The fix moved both into a sync helper run with asyncio.to_thread.
"""


async def _describe(client, picture) -> str:
    return await client.vlm.describe(picture)


async def _patch_picture_descriptions(client, doc) -> int:
    docling_doc = await client.get_docling_document(doc)
    descriptions = {}
    for pic in docling_doc.pictures:
        if pic.meta is None:
            descriptions[pic.self_ref] = await _describe(client, pic)
    if not descriptions:
        return 0
    for pic in docling_doc.pictures:
        text = descriptions.get(pic.self_ref)
        if text:
            pic.meta = {"description": text}

    from haiku.rag.store.compression import compress_docling_split

    structure_bytes, _ = compress_docling_split(docling_doc.model_dump_json())  # bug
    doc.docling_document = structure_bytes
    doc.docling_version = docling_doc.version
    return len(descriptions)

"""Conversation endpoints (Quart, async).

Reproduction of the shape fixed in https://github.com/infiniflow/ragflow/pull/11880: the async
mindmap endpoint called gen_mindmap, a sync helper of another module (absolute from-import) that
runs the async extractor with asyncio.run: "asyncio.run() cannot be called from a running event
loop". The fix made gen_mindmap async and awaited it.
"""

from quart import Blueprint, jsonify, request

from api.db.services.dialog_service import gen_mindmap

manager = Blueprint("conversation", __name__)


@manager.route("/mindmap", methods=["POST"])
async def mindmap():
    req = await request.get_json()
    mind_map = gen_mindmap(req["question"], req["kb_ids"], req.get("tenant_id", ""), req.get("search_config"))  # bug
    if "error" in mind_map:
        return jsonify({"code": 500, "message": mind_map["error"]})
    return jsonify({"code": 0, "data": mind_map})

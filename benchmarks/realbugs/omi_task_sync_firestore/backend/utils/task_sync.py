"""Auto-sync of action items to the user's task app (Todoist, Microsoft To Do).

Reproduction of the shape fixed in https://github.com/BasedHardware/omi/pull/8705: the async
auto-sync helpers read the user's task integration and marked the item exported through
synchronous Firestore calls of the database modules, made directly on the event loop. The fix
ran the three calls on the database executor.
"""

import database.action_items as action_items_db
import database.users as users_db


async def _sync_to_cloud_service(app_key: str, integration: dict, action_item: dict) -> dict:
    return {"external_task_id": f"{app_key}:{action_item['id']}"}


async def auto_sync_action_item(uid: str, action_item: dict) -> bool:
    default_app = users_db.get_default_task_integration(uid)  # bug
    if not default_app:
        return False
    integration = users_db.get_task_integration(uid, default_app)  # bug
    if not integration or not integration.get("connected"):
        return False
    result = await _sync_to_cloud_service(default_app, integration, action_item)
    action_items_db.update_action_item(uid, action_item["id"], {"exported": True, **result})  # bug
    return True

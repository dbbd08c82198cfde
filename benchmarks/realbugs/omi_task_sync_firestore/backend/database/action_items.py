from ._client import db


def update_action_item(uid: str, item_id: str, data: dict) -> None:
    db.collection("users").document(uid).collection("action_items").document(item_id).update(data)

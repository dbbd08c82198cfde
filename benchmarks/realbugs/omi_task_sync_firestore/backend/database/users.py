"""User documents in Firestore (synchronous client)."""

from ._client import db


def get_default_task_integration(uid: str):
    doc = db.collection("users").document(uid).get()
    return (doc.to_dict() or {}).get("default_task_integration")


def get_task_integration(uid: str, app_key: str):
    doc = db.collection("users").document(uid).collection("task_integrations").document(app_key).get()
    return doc.to_dict() if doc.exists else None

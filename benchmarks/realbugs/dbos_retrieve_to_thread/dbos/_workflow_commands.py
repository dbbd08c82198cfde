"""Workflow status queries against the system database (synchronous)."""


def get_workflow(sys_db, workflow_id: str) -> dict | None:
    rows = sys_db.execute("SELECT status FROM workflow_status WHERE workflow_uuid = ?", (workflow_id,))
    row = rows.fetchone()
    return None if row is None else {"workflow_id": workflow_id, "status": row[0]}

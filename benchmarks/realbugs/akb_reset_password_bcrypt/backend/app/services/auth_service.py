"""Authentication service of a knowledge-base backend (reproduction, see password_service.py)."""
from __future__ import annotations

import bcrypt

from app.db.postgres import get_pool

REVOKE_REASON_PASSWORD_RESET = "password_reset"


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:
        return False


async def _revoke_sessions_in_conn(conn, user_id, *, actor_id: str, reason: str) -> None:
    await conn.execute("UPDATE sessions SET revoked_at = NOW(), reason = $2 WHERE user_id = $1", user_id, reason)


async def login(username: str, password: str) -> dict:
    pool = await get_pool()
    async with pool.acquire() as conn:
        row = await conn.fetchrow("SELECT id, password_hash FROM users WHERE username = $1", username)
    if not row or not verify_password(password, row["password_hash"]):  # also
        raise PermissionError("Invalid credentials")
    return {"user_id": str(row["id"])}

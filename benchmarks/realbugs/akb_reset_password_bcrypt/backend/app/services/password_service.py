"""Admin password reset of a knowledge-base backend.

Reproduction of the shape fixed in https://github.com/dnotitia/akb/pull/283 (commit adf285d,
"offload bcrypt off the event loop to prevent 503 stalls"): the async reset hashes the temporary
password with the sync hash_password of auth_service (bcrypt, cost 12, hundreds of ms of CPU) as an
argument of an awaited query, on the loop; under concurrent auth the liveness probe timed out. The
fix added hash_password_async (asyncio.to_thread) and awaited it here.
"""
from __future__ import annotations

import secrets
from typing import Literal

from app.db.postgres import get_pool
from app.services.auth_service import (
    REVOKE_REASON_PASSWORD_RESET,
    _revoke_sessions_in_conn,
    hash_password,
)


class NotFoundError(Exception):
    pass


def generate_temp_password() -> str:
    raw = secrets.token_urlsafe(9)[:12]
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"


async def reset_password(*, username: str, actor_id: str | None, method: Literal["admin_ui", "cli"]) -> tuple[str, str]:
    pool = await get_pool()
    async with pool.acquire() as conn:
        async with conn.transaction():
            row = await conn.fetchrow(
                "SELECT id, username FROM users WHERE username = $1 FOR UPDATE",
                username,
            )
            if row is None:
                raise NotFoundError(username)

            temp = generate_temp_password()
            await conn.execute(
                "UPDATE users SET password_hash = $1, updated_at = NOW() WHERE id = $2",
                hash_password(temp),  # bug
                row["id"],
            )
            await _revoke_sessions_in_conn(
                conn, row["id"], actor_id=actor_id or str(row["id"]), reason=REVOKE_REASON_PASSWORD_RESET
            )
    return temp, row["username"]

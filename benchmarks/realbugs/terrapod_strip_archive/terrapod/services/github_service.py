async def get_archive(conn, owner: str, repo: str, sha: str) -> bytes | None:
    raise NotImplementedError

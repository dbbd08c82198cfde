"""Poll VCS connections and start runs for new commits.

Reproduction of the shape fixed in https://github.com/mattrobinsonsre/terrapod/pull/232 (report:
https://github.com/mattrobinsonsre/terrapod/issues/231): a module-level alias of a from-imported
sync helper that repacks the tarball (gzip + tarfile, CPU heavy on multi-MB archives) was called in
the async run-creation path, stalling the API's event loop.
"""

from terrapod.services import github_service, run_service
from terrapod.services.archive_utils import strip_archive_top_level_dir

_strip_top_level_dir = strip_archive_top_level_dir  # alias for internal use


async def _create_vcs_run(db, ws, conn, owner: str, repo: str, sha: str, *, message: str = ""):
    archive = await github_service.get_archive(conn, owner, repo, sha)
    if archive is None:
        return None
    archive = _strip_top_level_dir(archive)  # bug
    cv = await run_service.create_configuration_version(db, ws, archive)
    return await run_service.create_run(db, ws, cv, message=message)

"""Installation steps of a repository.

Reproduction of the shape fixed in https://github.com/hacs/integration/pull/1839 (commit
d27967a814357e1b753b4f395499defe4b3ac70a, "Avoid some I/O in event loop"): the coroutine
async_install_repository (awaited by RepositoryMethodInstall.async_install) builds Backup /
BackupNetDaemon objects of operational/backup.py and calls their plain create(), restore() and
cleanup() methods, which copy, move and remove folders with shutil and wait with time.sleep, on the
event loop. The fix ran each call (and the BackupNetDaemon constructor) with
hacs.hass.async_add_executor_job; the eight changed lines are marked.
"""
import os
import tempfile
from abc import ABC

from custom_components.hacs.helpers.classes.exceptions import HacsException
from custom_components.hacs.helpers.functions.download import download_content
from custom_components.hacs.helpers.functions.version_to_install import version_to_install
from custom_components.hacs.operational.backup import Backup, BackupNetDaemon


class RepositoryMethodInstall(ABC):
    async def async_install(self) -> None:
        self.logger.info("Running installation steps")
        await async_install_repository(self)
        self.logger.info("Installation steps completed")


async def async_install_repository(repository):
    """Common installation steps of the repository."""
    persistent_directory = None
    await repository.update_repository()
    if repository.content.path.local is None:
        raise HacsException("repository.content.path.local is None")
    repository.validate.errors = []

    version = version_to_install(repository)
    if version == repository.data.default_branch:
        repository.ref = version
    else:
        repository.ref = f"tags/{version}"

    if repository.data.installed and repository.data.category == "netdaemon":
        persistent_directory = BackupNetDaemon(repository)  # bug
        persistent_directory.create()  # bug

    elif repository.data.persistent_directory:
        if os.path.exists(f"{repository.content.path.local}/{repository.data.persistent_directory}"):  # also
            persistent_directory = Backup(
                f"{repository.content.path.local}/{repository.data.persistent_directory}",
                tempfile.gettempdir() + "/hacs_persistent_directory/",
            )
            persistent_directory.create()  # bug

    if repository.data.installed and not repository.content.single:
        backup = Backup(repository.content.path.local)
        backup.create()  # bug

    await download_content(repository)

    if repository.validate.errors:
        for error in repository.validate.errors:
            repository.logger.error(error)
        if repository.data.installed and not repository.content.single:
            backup.restore()  # bug

    if repository.data.installed and not repository.content.single:
        backup.cleanup()  # bug

    if persistent_directory is not None:
        persistent_directory.restore()  # bug
        persistent_directory.cleanup()  # bug

    if repository.validate.success:
        repository.data.installed = True
        repository.data.installed_commit = repository.data.last_commit

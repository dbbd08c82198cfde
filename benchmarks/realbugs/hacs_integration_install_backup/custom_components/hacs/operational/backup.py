"""Backup (reproduction, see ../helpers/methods/installation.py): plain methods that copy, move and
remove folders with shutil and wait with time.sleep."""
import logging
import os
import shutil
import tempfile
from time import sleep

from custom_components.hacs.helpers.functions.is_safe_to_remove import is_safe_to_remove

BACKUP_PATH = tempfile.gettempdir() + "/hacs_backup/"

_LOGGER = logging.getLogger(__name__)


class Backup:
    def __init__(self, local_path, backup_path=BACKUP_PATH):
        self.local_path = local_path
        self.backup_path = backup_path
        self.backup_path_full = f"{self.backup_path}{self.local_path.split('/')[-1]}"

    def create(self):
        if not os.path.exists(self.local_path):
            return
        if not is_safe_to_remove(self.local_path):
            return
        if os.path.exists(self.backup_path):
            shutil.rmtree(self.backup_path)
            while os.path.exists(self.backup_path):
                sleep(0.1)
        os.makedirs(self.backup_path, exist_ok=True)
        if os.path.isfile(self.local_path):
            shutil.copyfile(self.local_path, self.backup_path_full)
            os.remove(self.local_path)
        else:
            shutil.copytree(self.local_path, self.backup_path_full)
            shutil.rmtree(self.local_path)

    def restore(self):
        if not os.path.exists(self.backup_path_full):
            return
        if os.path.isfile(self.backup_path_full):
            if os.path.exists(self.local_path):
                os.remove(self.local_path)
            shutil.copyfile(self.backup_path_full, self.local_path)
        else:
            if os.path.exists(self.local_path):
                shutil.rmtree(self.local_path)
            shutil.copytree(self.backup_path_full, self.local_path)

    def cleanup(self):
        if os.path.exists(self.backup_path):
            shutil.rmtree(self.backup_path)
            while os.path.exists(self.backup_path):
                sleep(0.1)


class BackupNetDaemon:
    def __init__(self, repository):
        self.repository = repository
        self.backup_path = tempfile.gettempdir() + "/hacs_persistent_netdaemon/" + repository.data.name

    def create(self):
        if not is_safe_to_remove(self.repository.content.path.local):
            return
        if os.path.exists(self.backup_path):
            shutil.rmtree(self.backup_path)
        os.makedirs(self.backup_path, exist_ok=True)
        for filename in os.listdir(self.repository.content.path.local):
            if filename.endswith(".yaml"):
                shutil.copyfile(f"{self.repository.content.path.local}/{filename}", f"{self.backup_path}/{filename}")

    def restore(self):
        if os.path.exists(self.backup_path):
            for filename in os.listdir(self.backup_path):
                if filename.endswith(".yaml"):
                    shutil.copyfile(f"{self.backup_path}/{filename}", f"{self.repository.content.path.local}/{filename}")

    def cleanup(self):
        if os.path.exists(self.backup_path):
            shutil.rmtree(self.backup_path)

"""Entity record store (ARF): entities as JSON, their files beside them, in blob storage."""

from pathlib import Path
from typing import Any, Optional

from airweave.platform.storage.protocol import StorageBackend


class ArfService:
    def __init__(self, storage: Optional[StorageBackend] = None):
        self._storage = storage

    @property
    def storage(self) -> StorageBackend:
        """Get the storage backend (lazily, to avoid a circular import)."""
        if self._storage is None:
            from airweave.platform.storage import storage_backend

            self._storage = storage_backend
        return self._storage

    def _file_path(self, sync_id: str, entity_id: str, filename: str) -> str:
        return f"raw/{sync_id}/files/{entity_id}_{filename}"

    async def upsert_entity(self, sync_id: str, entity: Any) -> None:
        entity_id = entity.entity_id
        entity_dict: dict[str, Any] = {"entity_id": entity_id}
        local_path = getattr(entity, "local_path", None)
        if local_path and Path(local_path).exists():  # also
            file_path = self._file_path(sync_id, entity_id, Path(local_path).name)
            with open(local_path, "rb") as f:  # bug
                await self.storage.write_file(file_path, f.read())
            entity_dict["__stored_file__"] = file_path
        await self.storage.write_json(f"raw/{sync_id}/entities/{entity_id}.json", entity_dict)

    async def reconstruct_entity(
        self, entity_dict: dict[str, Any], restore_files_to: Optional[Path] = None
    ) -> dict[str, Any]:
        stored_file = entity_dict.pop("__stored_file__", None)
        if restore_files_to and stored_file:
            try:
                content = await self.storage.read_file(stored_file)
                restored_path = restore_files_to / Path(stored_file).name
                restored_path.parent.mkdir(parents=True, exist_ok=True)
                with open(restored_path, "wb") as f:  # bug
                    f.write(content)
                entity_dict["local_path"] = str(restored_path)
            except Exception:
                pass
        return entity_dict

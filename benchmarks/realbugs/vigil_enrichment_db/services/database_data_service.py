"""Data service over PostgreSQL with a JSON-file fallback (reproduction, see backend/api/findings.py)."""
import json
import logging
from pathlib import Path
from typing import Dict, List, Optional

from database.connection import get_db_manager, init_database
from database.service import DatabaseService

logger = logging.getLogger(__name__)
DATA_DIR = Path("data")
FINDINGS_FILE = DATA_DIR / "findings.json"


class DatabaseDataService:
    def __init__(self, require_db: bool = False):
        self._db_service = None
        self._use_json_fallback = False
        try:
            init_database()
            if get_db_manager().health_check():
                self._db_service = DatabaseService()
        except Exception as e:
            logger.warning(f"PostgreSQL not available: {e}")
            if require_db:
                raise
            self._use_json_fallback = True

    @property
    def _db_available(self) -> bool:
        return self._db_service is not None

    def _load_findings_json(self) -> List[Dict]:
        if FINDINGS_FILE.exists():
            with open(FINDINGS_FILE) as f:
                data = json.load(f)
                return data.get("findings", []) if isinstance(data, dict) else data
        return []

    def _save_findings_json(self, findings: List[Dict]) -> bool:
        with open(FINDINGS_FILE, "w") as f:
            json.dump({"findings": findings}, f)
        return True

    def get_finding(self, finding_id: str) -> Optional[Dict]:
        if self._db_available:
            finding = self._db_service.get_finding(finding_id)
            return finding.to_dict() if finding else None
        elif self._use_json_fallback:
            for f in self._load_findings_json():
                if f.get("finding_id") == finding_id:
                    return f
        return None

    def update_finding(self, finding_id: str, **updates) -> bool:
        if self._db_available:
            return self._db_service.update_finding(finding_id, **updates)
        elif self._use_json_fallback:
            findings = self._load_findings_json()
            for f in findings:
                if f.get("finding_id") == finding_id:
                    f.update(updates)
                    return self._save_findings_json(findings)
        return False

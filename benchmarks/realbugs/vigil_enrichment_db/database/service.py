"""Synchronous SQLAlchemy data access (reproduction, see backend/api/findings.py)."""
import logging
from typing import Optional

from database.connection import get_db_manager
from database.models import Finding

logger = logging.getLogger(__name__)


class DatabaseService:
    def __init__(self) -> None:
        self.db_manager = get_db_manager()

    def get_finding(self, finding_id: str) -> Optional[Finding]:
        try:
            with self.db_manager.session_scope() as session:
                finding = session.get(Finding, finding_id)
                if finding:
                    session.expunge(finding)
                return finding
        except Exception as e:
            logger.error(f"Error getting finding {finding_id}: {e}")
            return None

    def update_finding(self, finding_id: str, **updates) -> bool:
        try:
            with self.db_manager.session_scope() as session:
                finding = session.get(Finding, finding_id)
                if not finding:
                    return False
                for key, value in updates.items():
                    if hasattr(finding, key):
                        setattr(finding, key, value)
                return True
        except Exception as e:
            logger.error(f"Error updating finding {finding_id}: {e}")
            return False

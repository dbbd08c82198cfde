"""Database connection of the security-operations back end (reproduction, see backend/api/findings.py)."""
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

_manager = None


class DatabaseManager:
    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, pool_size=20, max_overflow=10)
        self.SessionLocal = sessionmaker(bind=self.engine)

    def health_check(self) -> bool:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True

    @contextmanager
    def session_scope(self):
        session = self.SessionLocal()
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()


def init_database(url: str = "postgresql://vigil@localhost/vigil") -> None:
    global _manager
    _manager = DatabaseManager(url)


def get_db_manager() -> DatabaseManager:
    return _manager

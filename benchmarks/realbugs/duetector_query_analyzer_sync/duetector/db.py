from typing import Any, Optional

import sqlalchemy
from sqlalchemy.orm import Session, sessionmaker


class SessionManager:
    """Lazily builds a (synchronous) SQLAlchemy engine and sessionmaker from config."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.engine_config = config.get("engine", {"url": "sqlite:///duetector-dbcollector.sqlite3"})
        self._engine: Optional[sqlalchemy.Engine] = None
        self._sessionmaker: Optional[sessionmaker] = None

    @property
    def engine(self) -> sqlalchemy.Engine:
        if not self._engine:
            self._engine = sqlalchemy.create_engine(**self.engine_config)
        return self._engine

    def begin(self) -> Session:
        if not self._sessionmaker:
            self._sessionmaker = sessionmaker(bind=self.engine)
        return self._sessionmaker.begin()

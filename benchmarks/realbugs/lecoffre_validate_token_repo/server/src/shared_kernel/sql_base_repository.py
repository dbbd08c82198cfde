from sqlmodel import Session


class SQLBaseRepository:
    def __init__(self, session: Session):
        self._session = session

    def commit(self) -> None:
        self._session.commit()

from uuid import UUID

from sqlmodel import Session, select

from identity_access_management_context.adapters.secondary.sql.model import UserPasswordTable
from shared_kernel.sql_base_repository import SQLBaseRepository


class SqlUserPasswordRepository(SQLBaseRepository):
    def __init__(self, session: Session):
        super().__init__(session)

    def save(self, user_password) -> None:
        self._session.add(UserPasswordTable(id=user_password.id, email=user_password.email))
        self.commit()

    def get_by_id(self, id: UUID):
        return self._session.exec(select(UserPasswordTable).where(UserPasswordTable.id == id)).first()

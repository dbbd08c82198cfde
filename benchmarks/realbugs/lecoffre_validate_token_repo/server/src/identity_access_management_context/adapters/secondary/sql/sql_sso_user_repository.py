from uuid import UUID

from sqlmodel import Session, select

from identity_access_management_context.adapters.secondary.sql.model import SsoUserTable
from shared_kernel.sql_base_repository import SQLBaseRepository


class SqlSsoUserRepository(SQLBaseRepository):
    def __init__(self, session: Session):
        super().__init__(session)

    def get_by_user_id(self, user_id: UUID):
        return self._session.exec(select(SsoUserTable).where(SsoUserTable.user_id == user_id)).first()

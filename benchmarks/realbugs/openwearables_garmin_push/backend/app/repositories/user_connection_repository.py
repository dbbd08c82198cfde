from sqlalchemy.orm import Session


class UserConnection:
    provider = ""
    provider_user_id = ""


class UserConnectionRepository:
    def get_by_provider_user_id(self, db: Session, provider: str, provider_user_id: str):
        return (
            db.query(UserConnection)
            .filter(UserConnection.provider == provider)
            .filter(UserConnection.provider_user_id == provider_user_id)
            .first()
        )

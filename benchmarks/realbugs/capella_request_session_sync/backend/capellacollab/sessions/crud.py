import datetime

from sqlalchemy import orm


def create_session(db: orm.Session, session):
    if not session.created_at:
        session.created_at = datetime.datetime.now(datetime.UTC)
    db.add(session)
    db.commit()
    return session


def update_session_config(db: orm.Session, session, config: dict[str, str]):
    session.config = config
    db.commit()
    return session

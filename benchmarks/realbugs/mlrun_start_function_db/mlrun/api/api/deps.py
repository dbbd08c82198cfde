"""FastAPI dependencies (reproduction, see endpoints/functions.py)."""
from mlrun.api.db.sqldb.session import create_session


def get_db_session():
    db_session = create_session()
    try:
        yield db_session
    finally:
        db_session.close()

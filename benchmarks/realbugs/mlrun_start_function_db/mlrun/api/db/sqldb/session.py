"""Session factory (reproduction, see ../../api/endpoints/functions.py)."""
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("sqlite:///mlrun.db")
SessionLocal = sessionmaker(bind=engine)


def create_session():
    return SessionLocal()

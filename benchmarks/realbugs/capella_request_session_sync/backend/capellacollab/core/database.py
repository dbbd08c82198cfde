"""Database session dependency (synchronous SQLAlchemy, stand-in)."""
import sqlalchemy as sa
from sqlalchemy import orm

engine = sa.create_engine("postgresql://localhost/capellacollab")
SessionLocal = orm.sessionmaker(bind=engine)


def get_db():
    with SessionLocal() as session:
        yield session

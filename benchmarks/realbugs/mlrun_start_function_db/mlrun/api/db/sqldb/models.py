"""SQLAlchemy models (reproduction, see ../../api/endpoints/functions.py)."""
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Function(Base):
    __tablename__ = "functions"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    project = Column(String)
    uid = Column(String)
    body = Column(String)


class Schedule(Base):
    __tablename__ = "schedules_v2"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    project = Column(String)
    kind = Column(String)
    scheduled_object = Column(String)


class BackgroundTask(Base):
    __tablename__ = "background_tasks"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    project = Column(String)
    state = Column(String)
